using System.Globalization;
using Ensuresec.Core.Events;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Sigma;

/// <summary>One web event's field values by <see cref="WebField"/>, read once so that every rule sees the same strings.</summary>
public sealed class WebFieldValues
{
    private static readonly int Count = Enum.GetValues<WebField>().Length;

    private readonly string?[] _values = new string?[Count];

    public string? this[WebField field]
    {
        get => _values[(int)field];
        private set => _values[(int)field] = value;
    }

    /// <summary>An http-request event (access log, JSON lines, the server's ingest): no cookie or content type there.</summary>
    public static WebFieldValues From(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var v = new WebFieldValues
        {
            [WebField.Target] = e.UrlPath is null ? null : string.IsNullOrEmpty(e.UrlQuery) ? e.UrlPath : e.UrlPath + "?" + e.UrlQuery,
            [WebField.Path] = e.UrlPath,
            [WebField.Query] = e.UrlQuery,
            [WebField.Extension] = Extension(e.UrlPath),
            [WebField.Method] = e.HttpMethod,
            [WebField.Status] = e.StatusCode?.ToString(CultureInfo.InvariantCulture),
            [WebField.UserAgent] = e.UserAgent,
            [WebField.Referrer] = e.Referrer,
            [WebField.ClientIp] = e.SourceIp,
            [WebField.UserName] = e.UserName,
            [WebField.ResponseBytes] = e.ResponseBytes?.ToString(CultureInfo.InvariantCulture),
            [WebField.Version] = e.HttpVersion,
        };
        return v;
    }

    /// <summary>A full request (middleware, decision endpoint): headers too, no status (the response is not known yet).</summary>
    public static WebFieldValues From(HttpRequestData r, string? clientIp)
    {
        ArgumentNullException.ThrowIfNull(r);
        int q = r.Target.IndexOf('?', StringComparison.Ordinal);
        string path = q < 0 ? r.Target : r.Target[..q];
        return new WebFieldValues
        {
            [WebField.Target] = r.Target,
            [WebField.Path] = path,
            [WebField.Query] = q < 0 ? null : r.Target[(q + 1)..],
            [WebField.Extension] = Extension(path),
            [WebField.Method] = r.Method,
            [WebField.UserAgent] = r.Header("User-Agent"),
            [WebField.Referrer] = r.Header("Referer"),
            [WebField.ClientIp] = clientIp,
            [WebField.Version] = r.Version.Length == 0 ? null : r.Version,
            [WebField.Host] = r.Header("Host"),
            [WebField.Cookie] = r.Header("Cookie"),
            [WebField.ContentType] = r.Header("Content-Type"),
        };
    }

    /// <summary>From a lookup by Sigma name (tests, tools).</summary>
    public static WebFieldValues From(Func<string, string?> byName)
    {
        ArgumentNullException.ThrowIfNull(byName);
        var v = new WebFieldValues();
        foreach (string name in WebFieldNames.All)
        {
            if (WebFieldNames.TryResolve(name, out var f) && v[f] is null) v[f] = byName(name);
        }

        return v;
    }

    /// <summary>The distinct texts a keyword search (and the rule index) looks in: the target holds path, query and extension.</summary>
    internal IEnumerable<string> Texts()
    {
        for (int i = 0; i < _values.Length; i++)
        {
            if (_values[i] is not { } s) continue;
            if ((WebField)i is WebField.Path or WebField.Query or WebField.Extension && _values[(int)WebField.Target] is not null) continue;
            yield return s;
        }
    }

    private static string? Extension(string? path)
    {
        if (path is null) return null;
        int slash = path.LastIndexOf('/');
        int dot = path.LastIndexOf('.');
        return dot > slash && dot + 1 < path.Length ? path[(dot + 1)..] : null;
    }
}
