using Ensuresec.Core.Events;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Http;

/// <summary>An access-log event as a request: method, path and query, and the user agent; no other headers, no body.</summary>
public static class EventRequests
{
    public static HttpRequestData? From(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.UrlPath is null) return null;
        string target = string.IsNullOrEmpty(e.UrlQuery) ? e.UrlPath : e.UrlPath + "?" + e.UrlQuery;
        var headers = new List<KeyValuePair<string, string>>(1);
        if (!string.IsNullOrEmpty(e.UserAgent)) headers.Add(new("User-Agent", e.UserAgent));
        return new HttpRequestData
        {
            Method = string.IsNullOrEmpty(e.HttpMethod) ? "GET" : e.HttpMethod,
            Target = target,
            Version = e.HttpVersion is { Length: > 0 } v ? (v.StartsWith("HTTP/", StringComparison.Ordinal) ? v : "HTTP/" + v) : string.Empty,
            Headers = headers,
            HasHeaders = false,
        };
    }
}
