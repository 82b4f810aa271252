namespace Ensuresec.Waf.Sigma;

/// <summary>The fields of a web event that Sigma's web taxonomy names (see <see cref="WebFieldNames"/>).</summary>
public enum WebField
{
    /// <summary>The whole request target, path and query (cs-uri-query, c-uri, cs-uri).</summary>
    Target,
    Path,
    Query,
    Extension,
    Method,
    Status,
    UserAgent,
    Referrer,
    ClientIp,
    UserName,
    ResponseBytes,
    Version,
    Host,
    Cookie,
    ContentType,
}

/// <summary>
/// Sigma's web field names (taxonomy appendix; logsource categories webserver and proxy, SigmaHQ tests/logsource.json)
/// and the event field each one reads. cs-uri-query is the whole request target (path and query): SigmaHQ's
/// webserver rules look for path patterns there (/../, /.git/) because W3C logs of many servers hold the full
/// URI in that field.
/// </summary>
public static class WebFieldNames
{
    private static readonly Dictionary<string, WebField> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cs-uri-query"] = WebField.Target,
        ["c-uri"] = WebField.Target,
        ["cs-uri"] = WebField.Target,
        ["request"] = WebField.Target,
        ["cs-uri-stem"] = WebField.Path,
        ["c-uri-stem"] = WebField.Path,
        ["c-uri-path"] = WebField.Path,
        ["c-uri-query"] = WebField.Query,
        ["c-uri-extension"] = WebField.Extension,
        ["cs-method"] = WebField.Method,
        ["sc-status"] = WebField.Status,
        ["c-useragent"] = WebField.UserAgent,
        ["cs-user-agent"] = WebField.UserAgent,
        ["cs(User-Agent)"] = WebField.UserAgent,
        ["cs-referer"] = WebField.Referrer,
        ["cs-referrer"] = WebField.Referrer,
        ["cs(Referer)"] = WebField.Referrer,
        ["c-ip"] = WebField.ClientIp,
        ["src_ip"] = WebField.ClientIp,
        ["clientip"] = WebField.ClientIp,
        ["cs-username"] = WebField.UserName,
        ["sc-bytes"] = WebField.ResponseBytes,
        ["cs-version"] = WebField.Version,
        ["cs-host"] = WebField.Host,
        ["cs(Host)"] = WebField.Host,
        ["cs-cookie"] = WebField.Cookie,
        ["cs(Cookie)"] = WebField.Cookie,
        ["cs-content-type"] = WebField.ContentType,
    };

    /// <summary>The event field a Sigma field name reads; false for names our web events do not have (dst_ip, r-dns...).</summary>
    public static bool TryResolve(string name, out WebField field) => Names.TryGetValue(name, out field);

    /// <summary>Every Sigma name we read, for the documentation and the load report.</summary>
    public static IEnumerable<string> All => Names.Keys;
}
