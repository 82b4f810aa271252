using System.Text.RegularExpressions;

namespace Ensuresec.Integrity.Inspect;

/// <summary>Finds absolute URLs (http, https, ws, wss, protocol-relative) in strings and tells foreign hosts from the shop's own.</summary>
internal static partial class UrlHosts
{
    /// <summary>The host of each absolute URL in <paramref name="text"/>, lower case, without port.</summary>
    public static IEnumerable<(string Host, string Scheme)> Find(string text)
    {
        if (text.Length < 8 || text.IndexOf("//", StringComparison.Ordinal) < 0) yield break;
        foreach (Match m in UrlPattern().Matches(text))
        {
            string host = m.Groups["host"].Value.ToLowerInvariant().TrimEnd('.');
            // XML namespace names (www.w3.org/2000/svg ...) are identifiers that nothing is ever sent to
            if ((host.Contains('.', StringComparison.Ordinal) || host == "localhost") && host is not ("www.w3.org" or "w3.org"))
            {
                yield return (host, m.Groups["scheme"].Value.ToLowerInvariant());
            }
        }
    }

    /// <summary>True when the host is not one of the allowed ones nor a subdomain of one.</summary>
    public static bool IsForeign(string host, IReadOnlyCollection<string> allowed)
    {
        foreach (string a in allowed)
        {
            if (host.Equals(a, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + a, StringComparison.OrdinalIgnoreCase)) return false;
        }

        return true;
    }

    [GeneratedRegex(@"(?:(?<scheme>https?|wss?):|(?<![^\s""'=(]))//(?<host>[a-z0-9](?:[a-z0-9\-]{0,62}\.)*[a-z0-9\-]{1,63})(?::\d{1,5})?(?=[/?#""'\s]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UrlPattern();
}
