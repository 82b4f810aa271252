using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Ensuresec.JsonSchema;

/// <summary>
/// The <c>format</c> checks applied when <see cref="ValidationOptions.AssertFormat"/> is on. Formats not listed
/// here (idn-email, idn-hostname, iri, iri-reference, uri-template, relative-json-pointer) pass.
/// </summary>
internal static partial class Formats
{
    public static bool IsValid(string format, string value) => format switch
    {
        "date-time" => DateTime(value),
        "date" => Date(value),
        "time" => Time(value),
        "duration" => DurationPattern().IsMatch(value),
        "email" => Email(value),
        "hostname" => Hostname(value),
        "ipv4" => Ipv4(value),
        "ipv6" => Ipv6(value),
        "uri" => Uri.TryCreate(value, UriKind.Absolute, out _) && Ascii(value) && !value.Contains('\\', StringComparison.Ordinal) && UriSchemePattern().IsMatch(value),
        "uri-reference" => Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _) && Ascii(value) && !value.Contains('\\', StringComparison.Ordinal),
        "uuid" => UuidPattern().IsMatch(value),
        "regex" => Evaluator.Compile(value) is not null,
        "json-pointer" => JsonPointer(value),
        _ => true,
    };

    private static bool Ascii(string s) => s.All(c => c > ' ' && c < 127 && c is not ('<' or '>' or '"' or '{' or '}' or '|' or '^' or '`'));

    private static bool Date(string s)
    {
        if (!DatePattern().IsMatch(s)) return false;
        return System.DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    /// <summary>RFC 3339 full-time, leap second allowed only at 23:59:60 UTC.</summary>
    private static bool Time(string s)
    {
        var m = TimePattern().Match(s);
        if (!m.Success) return false;
        int h = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), min = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), sec = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (h > 23 || min > 59 || sec > 60) return false;
        int offset = 0;
        if (m.Groups[5].Success)
        {
            int oh = int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture), om = int.Parse(m.Groups[7].Value, CultureInfo.InvariantCulture);
            if (oh > 23 || om > 59) return false;
            offset = (oh * 60 + om) * (m.Groups[5].Value == "-" ? -1 : 1);
        }

        if (sec == 60)
        {
            int utc = ((h * 60 + min - offset) % 1440 + 1440) % 1440;
            return utc == 23 * 60 + 59;
        }

        return true;
    }

    private static bool DateTime(string s)
    {
        int t = s.IndexOfAny(['T', 't']);
        return t == 10 && Date(s[..10]) && Time(s[11..]);
    }

    private static bool Email(string s)
    {
        int at = s.LastIndexOf('@');
        if (at <= 0 || at == s.Length - 1) return false;
        string local = s[..at], domain = s[(at + 1)..];
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)) return false;
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            string literal = domain[1..^1];
            return literal.StartsWith("IPv6:", StringComparison.Ordinal) ? Ipv6(literal[5..]) : Ipv4(literal);
        }

        return LocalPattern().IsMatch(local) && Hostname(domain);
    }

    private static bool Hostname(string s)
    {
        if (s.Length == 0 || s.Length > 253) return false;
        foreach (string label in s.TrimEnd('.').Split('.'))
        {
            if (!LabelPattern().IsMatch(label)) return false;
            if (label.Length >= 4 && label[2] == '-' && label[3] == '-' && !label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)) return false;
        }

        return true;
    }

    private static bool Ipv4(string s) => Ipv4Pattern().IsMatch(s);

    private static bool Ipv6(string s) =>
        s.Contains(':', StringComparison.Ordinal) && !s.Contains('%', StringComparison.Ordinal) && s.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
        && IPAddress.TryParse(s, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool JsonPointer(string s)
    {
        if (s.Length > 0 && s[0] != '/') return false;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '~' && (i + 1 >= s.Length || s[i + 1] is not ('0' or '1'))) return false;
        }

        return true;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(?:[zZ]|([+-])([0-9]{2}):([0-9]{2}))\z")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?\z")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+\z")]
    private static partial Regex LocalPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\z")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z")]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UriSchemePattern();
}
