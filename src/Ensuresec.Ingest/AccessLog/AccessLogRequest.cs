namespace Ensuresec.Ingest;

/// <summary>Splits a request line ("GET /a?b=1 HTTP/1.1") into method, path, query and version.</summary>
internal static class AccessLogRequest
{
    public static void Split(ReadOnlySpan<char> value, ref AccessLogFields f)
    {
        if (value.Length == 0 || value is "-") return;
        if (value.Contains('\\'))
        {
            SplitPlain(AccessLogEscapes.Unescape(value), ref f);
            return;
        }

        SplitPlain(value, ref f);
    }

    public static void SplitTarget(ReadOnlySpan<char> target, out string? path, out string? query, out bool hasQuery)
    {
        int q = target.IndexOf('?');
        if (q < 0)
        {
            path = new string(target);
            query = null;
            hasQuery = false;
            return;
        }

        path = new string(target[..q]);
        query = new string(target[(q + 1)..]);
        hasQuery = true;
    }

    public static string Method(ReadOnlySpan<char> m) => m switch
    {
        "GET" => "GET",
        "POST" => "POST",
        "HEAD" => "HEAD",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        "PATCH" => "PATCH",
        "CONNECT" => "CONNECT",
        "TRACE" => "TRACE",
        "PROPFIND" => "PROPFIND",
        _ => new string(m),
    };

    private static void SplitPlain(ReadOnlySpan<char> value, ref AccessLogFields f)
    {
        int sp = value.IndexOf(' ');
        var method = sp > 0 ? value[..sp] : default;
        if (sp <= 0 || !IsToken(method))
        {
            // Not HTTP (a TLS handshake on port 80, a scanner's junk): keep it verbatim for the detectors.
            f.SetExtra("request", new string(value));
            return;
        }

        var rest = value[(sp + 1)..];
        int last = rest.LastIndexOf(' ');
        ReadOnlySpan<char> target = rest;
        if (last >= 0 && rest[(last + 1)..].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            f.Version = Version(rest[(last + 6)..]);
            target = rest[..last];
        }

        if (target.Length == 0)
        {
            f.SetExtra("request", new string(value));
            return;
        }

        f.RequestMethod = Method(method);
        SplitTarget(target, out f.RequestPath, out f.RequestQuery, out f.HasRequestQuery);
    }

    private static string Version(ReadOnlySpan<char> v) => v switch
    {
        "1.1" => "1.1",
        "1.0" => "1.0",
        "2.0" => "2.0",
        "2" => "2",
        "3" => "3",
        "0.9" => "0.9",
        _ => new string(v),
    };

    private static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.Length > 32) return false;
        foreach (char c in s)
        {
            if (!char.IsAsciiLetterUpper(c) && c != '-' && c != '_') return false;
        }

        return true;
    }
}
