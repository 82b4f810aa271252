using System.Globalization;
using Ensuresec.Core.Events;

namespace Ensuresec.Waf.Sigma;

/// <summary>
/// Sigma's web field names (logsource categories webserver and proxy, see the taxonomy appendix) read from our
/// http-request events. cs-uri-query is the whole request target (path and query): SigmaHQ's webserver rules
/// look for path patterns there (/../, /.git/) because W3C logs of many servers hold the full URI in that field.
/// Fields access logs do not carry (cs-host, cs-cookie, cs-content-type) are absent, so rules needing them do not match.
/// </summary>
public static class WebEventFields
{
    public static string? Get(SecurityEvent e, string field)
    {
        ArgumentNullException.ThrowIfNull(e);
        string? target = e.UrlPath is null ? null : string.IsNullOrEmpty(e.UrlQuery) ? e.UrlPath : e.UrlPath + "?" + e.UrlQuery;
        return field switch
        {
            "cs-method" => e.HttpMethod,
            "c-uri" or "cs-uri" or "cs-uri-query" or "request" => target,
            "c-uri-query" => e.UrlQuery,
            "cs-uri-stem" or "c-uri-stem" or "c-uri-path" => e.UrlPath,
            "c-uri-extension" => Extension(e.UrlPath),
            "sc-status" => e.StatusCode?.ToString(CultureInfo.InvariantCulture),
            "c-useragent" or "cs-user-agent" or "cs(User-Agent)" => e.UserAgent,
            "cs-referer" or "cs-referrer" or "cs(Referer)" => e.Referrer,
            "c-ip" or "src_ip" or "clientip" => e.SourceIp,
            "cs-username" => e.UserName,
            "sc-bytes" => e.ResponseBytes?.ToString(CultureInfo.InvariantCulture),
            "cs-version" => e.HttpVersion,
            _ => null,
        };
    }

    /// <summary>The values keyword searches look in.</summary>
    public static IReadOnlyList<string> All(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var list = new List<string>(4);
        if (Get(e, "c-uri") is { } uri) list.Add(uri);
        if (e.UserAgent is not null) list.Add(e.UserAgent);
        if (e.Referrer is not null) list.Add(e.Referrer);
        return list;
    }

    private static string? Extension(string? path)
    {
        if (path is null) return null;
        int slash = path.LastIndexOf('/');
        int dot = path.LastIndexOf('.');
        return dot > slash && dot + 1 < path.Length ? path[(dot + 1)..] : null;
    }
}
