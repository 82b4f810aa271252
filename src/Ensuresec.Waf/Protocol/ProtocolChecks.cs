using Ensuresec.Waf.Detectors;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Protocol;

/// <summary>
/// HTTP protocol anomalies: the request line (methods, versions, target form), headers (Host, Content-Length and
/// Transfer-Encoding together, Range abuse, restricted and malformed headers, missing ones), content types and
/// charsets, bodies on GET, backup-file extensions; and per value: NUL bytes, invalid and repeated encodings,
/// control characters, CR/LF used for response splitting, header injection and request smuggling.
/// </summary>
internal static class ProtocolChecks
{
    private const AttackClass P = AttackClass.Protocol;

    private static readonly HashSet<string> RestrictedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Proxy", "Lock-Token", "Content-Range", "Translate", "If", "Proxy-Connection", "X-Original-Url", "X-Rewrite-Url", "Back-End-Server",
    };

    private static readonly string[] RestrictedExtensions =
    [
        ".asa", ".asax", ".ascx", ".axd", ".backup", ".bak", ".bat", ".cdx", ".cer", ".cfg", ".cmd", ".com", ".config", ".conf",
        ".cs", ".csproj", ".csr", ".dat", ".db", ".dbf", ".dll", ".dos", ".htr", ".htw", ".ida", ".idc", ".idq", ".inc", ".ini",
        ".key", ".licx", ".lnk", ".log", ".mdb", ".old", ".pass", ".pdb", ".pol", ".printer", ".pwd", ".rdb", ".resources",
        ".resx", ".sql", ".swp", ".sys", ".vb", ".vbs", ".vbproj", ".vsdisco", ".webinfo", ".xsd", ".xsx", ".sqlite", ".pem", ".orig", ".tmp", ".sav",
    ];

    private static readonly HashSet<string> SecretExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".bak", ".backup", ".old", ".orig", ".sav", ".swp", ".sql", ".sqlite", ".db", ".dbf", ".mdb", ".rdb", ".key", ".pem", ".csr",
        ".config", ".ini", ".pass", ".pwd", ".passwd", ".pol", ".asa", ".asax", ".htr", ".htw", ".ida", ".idc", ".idq", ".printer", ".pdb",
    };

    public static void Request(HttpRequestData r, WafOptions o, AnalysisContext ctx)
    {
        string method = r.Method;
        if (method.Length == 0 || method.Length > 20 || !IsToken(method))
        {
            ctx.Add(P, "ES-WAF-920-REQUEST-LINE", "invalid HTTP request line", RequestPart.Method, string.Empty, method, 1, Score.Warning);
        }
        else if (!Contains(o.AllowedMethods, method))
        {
            ctx.Add(P, "ES-WAF-911-METHOD", "HTTP method not allowed", RequestPart.Method, string.Empty, method, 1, Score.Critical);
        }

        if (!r.Target.StartsWith('/') && r.Target != "*" && !r.Target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !r.Target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Add(P, "ES-WAF-920-REQUEST-LINE", "request target is neither a path nor an absolute URL", RequestPart.RequestLine, string.Empty, r.Target, 1, Score.Warning);
        }

        string path = Target.Split(r.Target).Path;
        foreach (string ext in RestrictedExtensions)
        {
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                // Backups, databases, keys and server configuration are never served on purpose; logs, .conf and code files sometimes are.
                int level = SecretExtensions.Contains(ext) ? 1 : 3;
                ctx.Add(P, "ES-WAF-920-EXTENSION", "request for a restricted file extension", RequestPart.Path, string.Empty, path, level, Score.Critical);
                break;
            }
        }

        if (path.EndsWith('~') || path.Contains("~/", StringComparison.Ordinal) && path.Contains(".", StringComparison.Ordinal))
        {
            ctx.Add(P, "ES-WAF-920-BACKUP", "request for an editor backup file", RequestPart.Path, string.Empty, path, 1, Score.Critical);
        }

        if (r.HasHeaders) Headers(r, o, ctx);
    }

    private static void Headers(HttpRequestData r, WafOptions o, AnalysisContext ctx)
    {
        string v = r.Version;
        if (v is not ("HTTP/1.0" or "HTTP/1.1" or "HTTP/2" or "HTTP/2.0" or "HTTP/3" or ""))
        {
            ctx.Add(P, "ES-WAF-920-VERSION", "HTTP version not allowed", RequestPart.RequestLine, string.Empty, v, 1, Score.Critical);
        }

        string? host = r.Header("Host");
        if (host is null && v != "HTTP/1.0")
        {
            ctx.Add(P, "ES-WAF-920-HOST-MISSING", "Host header missing", RequestPart.Header, "Host", string.Empty, 1, Score.Warning);
        }
        else if (host is not null && (host.Length == 0 || System.Net.IPAddress.TryParse(host.Split(':')[0].Trim('[', ']'), out _)) && ctx.Runs(1))
        {
            ctx.Add(P, "ES-WAF-920-HOST-IP", host.Length == 0 ? "empty Host header" : "Host header is an IP address", RequestPart.Header, "Host", host, 1, Score.Warning);
        }

        string? ua = r.Header("User-Agent");
        if (ua is null && ctx.Runs(2)) ctx.Add(P, "ES-WAF-920-UA-MISSING", "User-Agent header missing", RequestPart.Header, "User-Agent", string.Empty, 2, Score.Notice);
        else if (ua is { Length: 0 }) ctx.Add(P, "ES-WAF-920-UA-EMPTY", "empty User-Agent header", RequestPart.Header, "User-Agent", string.Empty, 1, Score.Notice);
        string? accept = r.Header("Accept");
        if (accept is null && ctx.Runs(2) && r.Method != "OPTIONS") ctx.Add(P, "ES-WAF-920-ACCEPT-MISSING", "Accept header missing", RequestPart.Header, "Accept", string.Empty, 2, Score.Notice);
        else if (accept is { Length: 0 }) ctx.Add(P, "ES-WAF-920-ACCEPT-EMPTY", "empty Accept header", RequestPart.Header, "Accept", string.Empty, 1, Score.Notice);
        else if (accept is not null && accept.Contains("charset", StringComparison.OrdinalIgnoreCase) && AcceptCharsetParameter(accept))
        {
            // A charset parameter on an Accept media range asks for the response in that encoding; an exotic one
            // (UTF-16, EBCDIC CP1026) is how payloads slip past filters that read ASCII.
            ctx.Add(P, "ES-WAF-920-ACCEPT-CHARSET-PARAM", "Accept header asks for a charset that is not allowed", RequestPart.Header, "Accept", accept, 1, Score.Critical);
        }

        string? length = r.Header("Content-Length");
        string? te = r.Header("Transfer-Encoding");
        if (length is not null && te is not null)
        {
            ctx.Add(P, "ES-WAF-921-SMUGGLING", "Content-Length and Transfer-Encoding together (request smuggling)", RequestPart.Header, "Transfer-Encoding", te, 1, Score.Critical);
        }

        if (r.HeaderCount("Content-Length") > 1 || r.HeaderCount("Transfer-Encoding") > 1)
        {
            ctx.Add(P, "ES-WAF-921-SMUGGLING", "duplicated Content-Length or Transfer-Encoding (request smuggling)", RequestPart.Header, "Content-Length", length ?? te ?? string.Empty, 1, Score.Critical);
        }

        if (length is not null && !(length.Length > 0 && length.Length < 19 && length.All(char.IsAsciiDigit)))
        {
            ctx.Add(P, "ES-WAF-920-CONTENT-LENGTH", "Content-Length is not a number", RequestPart.Header, "Content-Length", length, 1, Score.Critical);
        }

        if (te is not null && !te.Equals("chunked", StringComparison.OrdinalIgnoreCase) && ctx.Runs(1))
        {
            ctx.Add(P, "ES-WAF-920-TRANSFER-ENCODING", "unusual Transfer-Encoding", RequestPart.Header, "Transfer-Encoding", te, 1, Score.Warning);
        }

        bool hasBody = !r.Body.IsEmpty || (length is not null && length != "0");
        if ((r.Method is "GET" or "HEAD") && hasBody)
        {
            ctx.Add(P, "ES-WAF-920-GET-BODY", $"{r.Method} request with a body", RequestPart.Body, string.Empty, length ?? string.Empty, 1, Score.Critical);
        }

        if (r.Method == "POST" && length is null && te is null && v != "HTTP/2" && v != "HTTP/3")
        {
            ctx.Add(P, "ES-WAF-920-POST-LENGTH", "POST without Content-Length or Transfer-Encoding", RequestPart.Header, "Content-Length", string.Empty, 1, Score.Warning);
        }

        Range(r, ctx);
        if (r.Header("Content-Encoding") is { } encoding && ctx.Runs(2) && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            // Browsers never compress request bodies; a compressed body is not decoded here, so its payload would be
            // out of sight (and on a request without a body the header only probes the parser).
            ctx.Add(P, "ES-WAF-920-CONTENT-ENCODING", "compressed request body (Content-Encoding), not inspected", RequestPart.Header, "Content-Encoding", encoding, 2, Score.Warning);
        }

        foreach (var (name, value) in r.Headers)
        {
            if (RestrictedHeaders.Contains(name)) ctx.Add(P, "ES-WAF-920-RESTRICTED-HEADER", "restricted HTTP header", RequestPart.Header, name, value, 1, Score.Critical);
            if (!IsToken(name)) ctx.Add(P, "ES-WAF-920-HEADER-NAME", "invalid header name", RequestPart.HeaderName, name, name, 1, Score.Critical);
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0) ctx.Add(P, "ES-WAF-921-HEADER-INJECTION", "CR or LF inside a header value", RequestPart.Header, name, value, 1, Score.Critical);
        }

        ContentType(r, o, ctx);
        CacheAndAcceptEncoding(r, ctx);
    }

    /// <summary>";charset=X" (any spacing and quoting) on one of the media ranges, X not one of the charsets allowed for requests.</summary>
    private static bool AcceptCharsetParameter(string accept)
    {
        foreach (var range in accept.Split(','))
        {
            foreach (var parameter in range.Split(';').AsSpan(1))
            {
                var p = parameter.Trim();
                int eq = p.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && p[..eq].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase) && !Charsets.IsAllowed(p[(eq + 1)..])) return true;
            }
        }

        return false;
    }

    private static void Range(HttpRequestData r, AnalysisContext ctx)
    {
        foreach (string name in new[] { "Range", "Request-Range" })
        {
            string? range = r.Header(name);
            if (range is null) continue;
            int parts = range.Count(c => c == ',') + 1;
            if (!range.Contains('=', StringComparison.Ordinal))
            {
                // RFC 9110: "unit=ranges"; a Range without its unit ("1-2") is malformed and no server range-reads it.
                ctx.Add(P, "ES-WAF-920-RANGE-SYNTAX", "Range header without a unit (bytes=)", RequestPart.Header, name, range, 1, Score.Warning);
            }

            bool zeroStart = range.Contains("=0-", StringComparison.Ordinal) && !range.StartsWith("bytes=0-", StringComparison.Ordinal) || range.Contains("bytes=0-0,", StringComparison.Ordinal);
            if (parts > 5 || range.Contains("=-", StringComparison.Ordinal) && parts > 1)
            {
                ctx.Add(P, "ES-WAF-920-RANGE", "Range header with many or overlapping ranges", RequestPart.Header, name, range, 1, Score.Warning);
            }
            else if (zeroStart && ctx.Runs(2))
            {
                ctx.Add(P, "ES-WAF-920-RANGE", "Range header starting at byte 0 repeatedly", RequestPart.Header, name, range, 2, Score.Warning);
            }

            if (r.Target.Contains(".pdf", StringComparison.OrdinalIgnoreCase) && parts > 63)
            {
                ctx.Add(P, "ES-WAF-920-RANGE", "too many ranges on a PDF", RequestPart.Header, name, range, 1, Score.Warning);
            }
        }
    }

    private static void ContentType(HttpRequestData r, WafOptions o, AnalysisContext ctx)
    {
        string? type = r.Header("Content-Type");
        if (type is null) return;
        string media = BodyInputs.MediaType(type);
        if (media.Length == 0 || !Contains(o.AllowedContentTypes, media))
        {
            ctx.Add(P, "ES-WAF-920-CONTENT-TYPE", "request content type not allowed", RequestPart.Header, "Content-Type", type, 1, Score.Critical);
        }

        string? charset = MultipartReader.HeaderParameter(type, "charset");
        if (charset is not null && !Charsets.IsAllowed(charset))
        {
            ctx.Add(P, "ES-WAF-920-CHARSET", "request charset not allowed", RequestPart.Header, "Content-Type", type, 1, Score.Critical);
        }

        if (type.AsSpan().IndexOf("charset", StringComparison.OrdinalIgnoreCase) is int first and >= 0
            && type.AsSpan(first + 7).IndexOf("charset", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            ctx.Add(P, "ES-WAF-920-CHARSET", "more than one charset in Content-Type", RequestPart.Header, "Content-Type", type, 1, Score.Critical);
        }

        int semi = type.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0)
        {
            var parameters = type.AsSpan(semi);
            if (parameters.Contains("/", StringComparison.Ordinal) && (parameters.Contains("json", StringComparison.OrdinalIgnoreCase) || parameters.Contains("xml", StringComparison.OrdinalIgnoreCase) || parameters.Contains("text/", StringComparison.OrdinalIgnoreCase) || parameters.Contains("multipart", StringComparison.OrdinalIgnoreCase) || parameters.Contains("application/", StringComparison.OrdinalIgnoreCase)))
            {
                ctx.Add(P, "ES-WAF-921-CONTENT-TYPE-PARAM", "second media type hidden in the Content-Type parameters", RequestPart.Header, "Content-Type", type, 1, Score.Critical);
            }
        }
    }

    private static void CacheAndAcceptEncoding(HttpRequestData r, AnalysisContext ctx)
    {
        string? ae = r.Header("Accept-Encoding");
        if (ae is not null && ae.Length > 100) ctx.Add(P, "ES-WAF-920-ACCEPT-ENCODING", "overlong Accept-Encoding", RequestPart.Header, "Accept-Encoding", ae, 1, Score.Warning);
    }

    /// <summary>Per value: encodings and characters no legitimate client sends.</summary>
    public static void Value(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        var f = value.Flags;
        var part = input.Part;
        string name = input.Name;
        if ((f & NormalizationFlags.NullByte) != 0 || input.Value.Contains('\0', StringComparison.Ordinal))
        {
            ctx.Add(P, "ES-WAF-920-NUL", "NUL byte in a value", part, name, input.Value, 1, Score.Critical);
        }

        if ((f & NormalizationFlags.InvalidPercent) != 0 && input.UrlEncoded || (f & NormalizationFlags.InvalidPercent) != 0 && part is RequestPart.Path)
        {
            ctx.Add(P, "ES-WAF-920-INVALID-ENCODING", "invalid URL encoding", part, name, input.Value, 1, Score.Warning);
        }

        if ((f & NormalizationFlags.FullWidthPercentU) != 0) ctx.Add(P, "ES-WAF-920-FULLWIDTH", "%u full-width Unicode encoding (IIS evasion)", part, name, input.Value, 1, Score.Critical);
        if ((f & NormalizationFlags.OverlongUtf8) != 0) ctx.Add(P, "ES-WAF-920-OVERLONG", "overlong UTF-8 encoding (evasion)", part, name, input.Value, 1, Score.Critical);
        if ((f & NormalizationFlags.MultipleEncoding) != 0 && ctx.Runs(2)) ctx.Add(P, "ES-WAF-920-DOUBLE-ENCODING", "value encoded more than once", part, name, input.Value, 2, Score.Warning);
        if ((f & NormalizationFlags.ControlChar) != 0 && ctx.Runs(2)) ctx.Add(P, "ES-WAF-920-CONTROL", "control characters in a value", part, name, input.Value, 2, Score.Warning);
        if ((f & NormalizationFlags.InvalidUtf8) != 0 && ctx.Runs(3)) ctx.Add(P, "ES-WAF-920-INVALID-UTF8", "invalid UTF-8", part, name, input.Value, 3, Score.Warning);
        if (part is RequestPart.QueryValue or RequestPart.BodyValue or RequestPart.QueryName or RequestPart.BodyName or RequestPart.Path)
        {
            string decoded = value.Decoded;
            if (input.UrlEncoded && decoded.AsSpan().IndexOf('\\') >= 0 && (decoded.Contains("/etc/", StringComparison.Ordinal) || decoded.Contains("\\/", StringComparison.Ordinal) || Escapes(decoded)))
            {
                ctx.Add(P, "ES-WAF-920-BACKSLASH", "backslashes inside words (filter evasion)", part, name, decoded, 1, Score.Critical);
            }

            Splitting(input, decoded, ctx);
        }

        if (part is not (RequestPart.Path or RequestPart.Header) && EmbeddedRequestLine(value.Lower))
        {
            ctx.Add(P, "ES-WAF-921-EMBEDDED-REQUEST", "an HTTP request line inside a value (request smuggling)", part, name, value.Lower, 1, Score.Critical);
        }
    }

    private static bool Escapes(string s)
    {
        for (int i = 1; i + 1 < s.Length; i++)
        {
            if (s[i] == '\\' && char.IsAsciiLetter(s[i - 1]) && char.IsAsciiLetter(s[i + 1])) return true;
        }

        return false;
    }

    /// <summary>CR/LF followed by HTTP: a header (response splitting / header injection), a status line or a request line (smuggling).</summary>
    private static void Splitting(in RequestInput input, string s, AnalysisContext ctx)
    {
        int nl = s.AsSpan().IndexOfAny('\r', '\n');
        if (nl < 0) return;
        var part = input.Part;
        if (part is RequestPart.Path)
        {
            ctx.Add(P, "ES-WAF-921-PATH-NEWLINE", "CR or LF in the path", part, input.Name, s, 1, Score.Critical);
            return;
        }

        if (part is RequestPart.QueryName or RequestPart.BodyName)
        {
            ctx.Add(P, "ES-WAF-921-HEADER-INJECTION", "CR or LF in an argument name (header injection)", part, input.Name, s, 1, Score.Critical);
            return;
        }

        for (int i = nl; i >= 0 && i < s.Length; i = s.AsSpan(i + 1).IndexOfAny('\r', '\n') is int k and >= 0 ? i + 1 + k : -1)
        {
            var after = s.AsSpan(i + 1).TrimStart("\r\n");
            if (after.StartsWith("http/", StringComparison.OrdinalIgnoreCase) || RequestLine(after))
            {
                ctx.Add(P, "ES-WAF-921-SMUGGLING-PAYLOAD", "HTTP status or request line after CR/LF (response splitting or smuggling)", part, input.Name, s, 1, Score.Critical);
                return;
            }

            int colon = after.IndexOf(':');
            if (colon > 0 && colon < 40 && IsToken(after[..colon].TrimEnd().ToString()) || after.StartsWith("<html", StringComparison.OrdinalIgnoreCase) || after.StartsWith("<meta", StringComparison.OrdinalIgnoreCase))
            {
                ctx.Add(P, "ES-WAF-921-RESPONSE-SPLITTING", "header or markup after CR/LF (response splitting)", part, input.Name, s, 1, Score.Critical);
                return;
            }
        }
    }

    private static bool EmbeddedRequestLine(string s)
    {
        int http = s.IndexOf(" http/", StringComparison.Ordinal);
        if (http < 0 || http + 7 >= s.Length || !char.IsAsciiDigit(s[http + 6])) return false;
        foreach (string m in new[] { "get ", "post ", "head ", "put ", "delete ", "options ", "trace ", "connect ", "patch " })
        {
            int at = s.LastIndexOf(m, http, StringComparison.Ordinal);
            if (at >= 0 && s.IndexOf(' ', at + m.Length) == http) return true;
        }

        return false;
    }

    private static bool RequestLine(ReadOnlySpan<char> s)
    {
        foreach (string m in new[] { "get ", "post ", "head ", "put ", "delete ", "options ", "trace ", "connect ", "patch " })
        {
            if (s.StartsWith(m, StringComparison.OrdinalIgnoreCase) && s.Contains(" http/", StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private static bool IsToken(string s)
    {
        if (s.Length == 0) return false;
        foreach (char c in s)
        {
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal)) return false;
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (string s in list)
        {
            if (string.Equals(s, value, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }
}
