using System.Globalization;

namespace Ensuresec.Demo.Generation.Promotions;

/// <summary>Names, e-mail addresses and postal addresses for the promotion traffic, apart from the customer book's.</summary>
internal static class PromoPeople
{
    public static readonly string[] Streets = ["Main Street", "Oak Lane", "Elm Road", "Park Avenue", "Mill Lane", "Station Road", "Church Street", "Lake Drive"];

    /// <summary>An account name the customer book never makes (it has no hyphen), unique by <paramref name="n"/>.</summary>
    public static string Account(Random rng, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"{rng.Pick(Catalog.FirstNames)}.{rng.Pick(Catalog.LastNames)}-{n}");

    /// <summary>An ordinary e-mail address for the account (its local part plus a number, at a webmail domain).</summary>
    public static string Email(Random rng, string account) =>
        string.Create(CultureInfo.InvariantCulture, $"{account.Replace("-", string.Empty, StringComparison.Ordinal)}@{rng.Pick(Catalog.MailDomains)}");

    public static string Address(Random rng) =>
        string.Create(CultureInfo.InvariantCulture, $"{rng.Next(1, 300)} {rng.Pick(Streets)}{(rng.Chance(0.3) ? ", Apt " + rng.Next(1, 40) : string.Empty)}");

    /// <summary>A customer's own address, the same every time for the same customer.</summary>
    public static string CustomerAddress(int customer) =>
        string.Create(CultureInfo.InvariantCulture, $"{(customer % 280) + 1} {Streets[customer / 280 % Streets.Length]}, Apt {customer % 97}");

    /// <summary>The same address typed the ways people type it: abbreviations, case, punctuation, unit designators.</summary>
    public static string Variant(Random rng, int number, string street, int unit) => rng.Next(5) switch
    {
        0 => $"{number} {street}, Apt. {unit}",
        1 => $"{number} {street.ToLowerInvariant().Replace("street", "st", StringComparison.Ordinal).Replace("road", "rd", StringComparison.Ordinal).Replace("lane", "ln", StringComparison.Ordinal)} #{unit}",
        2 => $"{number} {street.ToUpperInvariant()} APARTMENT {unit}",
        3 => $"{number}  {street} Unit {unit}",
        _ => $"{number} {street.Replace("Street", "St.", StringComparison.Ordinal).Replace("Road", "Rd.", StringComparison.Ordinal).Replace("Lane", "Ln", StringComparison.Ordinal)}, apt {unit}",
    };
}
