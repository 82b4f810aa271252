using System.Globalization;

namespace Ensuresec.Detection.Lookalike;

/// <summary>Host names as they are compared: lower case, no trailing dot, punycode labels decoded (IDNA ToUnicode).</summary>
internal static class DomainNames
{
    /// <summary>DNS names are at most 253 characters; a longer host is not a domain.</summary>
    public const int MaxLength = 253;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = true, UseStd3AsciiRules = false };

    /// <summary>The host of a URL, a referrer or a bare domain, decoded; null when there is none or it is not a domain name.</summary>
    public static string? HostOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4096) return null;
        string t = text.Trim();
        string host;
        if (t.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(t, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.IdnHost)) return null;
            host = uri.IdnHost;
        }
        else
        {
            int end = t.IndexOfAny(['/', '?', '#', ':']);
            host = end >= 0 ? t[..end] : t;
        }

        return Normalise(host);
    }

    /// <summary>The host decoded to Unicode and lower-cased, or null when it is not a plausible domain name (an address, no dot, bad punycode).</summary>
    public static string? Normalise(string host)
    {
        string h = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (h.Length is 0 or > MaxLength || !h.Contains('.', StringComparison.Ordinal) || h.Contains(' ', StringComparison.Ordinal)) return null;
        if (System.Net.IPAddress.TryParse(h.Trim('[', ']'), out _)) return null;
        string[] labels = h.Split('.');
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i].Length is 0 or > 63) return null;
            if (!labels[i].StartsWith("xn--", StringComparison.Ordinal)) continue;
            try
            {
                labels[i] = Idn.GetUnicode(labels[i]).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return string.Join('.', labels);
    }

    /// <summary>True when <paramref name="host"/> is <paramref name="domain"/> or one of its subdomains.</summary>
    public static bool IsWithin(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
}
