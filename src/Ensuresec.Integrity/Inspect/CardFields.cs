using System.Text.RegularExpressions;

namespace Ensuresec.Integrity.Inspect;

/// <summary>Names that checkout forms give to payment card fields (Magento, WooCommerce, PrestaShop and common gateways).</summary>
internal static partial class CardFields
{
    public static bool Matches(string s) => s.Length is > 2 and < 400 && Pattern().IsMatch(s);

    // cc_number, cc-num, cardnumber, card_number, credit-card, cvv, cvv2, cvc, csc, card_code, security_code,
    // exp_month, expiry-year, expiration_date, ccexp, payment[cc_number], billing[cc_cid]
    [GeneratedRegex(
        @"(?<![a-z])(cc[_\-\]\[]?(number|num|cid|exp|exp_month|exp_year|owner|cvv|csc|cvc)|card[_\-\s]?(number|num|no|holder|code|cvv|cvc|exp\w*)|credit[_\-\s]?card|cvv2?|cvc2?|cvn|csc|security[_\-\s]?code|exp(iry|iration)?[_\-\s]?(month|year|date|yr|mm|yy))(?![a-z])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
