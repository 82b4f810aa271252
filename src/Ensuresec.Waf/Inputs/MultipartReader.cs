using System.Text;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Inputs;

/// <summary>
/// multipart/form-data (RFC 7578): each part's field name, its value (JSON and XML parts are read as such) and
/// any file name. File contents are not inspected, as in the Core Rule Set. Evasion markers (quotes or '=' in
/// names, UTF-7 charsets, Content-Transfer-Encoding) and malformed bodies become protocol problems.
/// </summary>
internal static class MultipartReader
{
    public static void Read(string contentType, ReadOnlySpan<byte> body, int maxDepth, InputCollector into)
    {
        string? boundary = HeaderParameter(contentType, "boundary");
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            into.Problem("ES-WAF-922-BOUNDARY", "multipart body without a usable boundary", contentType);
            return;
        }

        string text = Encoding.Latin1.GetString(body);
        string delimiter = "--" + boundary;
        int at = text.IndexOf(delimiter, StringComparison.Ordinal);
        if (at < 0)
        {
            into.Problem("ES-WAF-922-MALFORMED", "multipart body does not contain its boundary", boundary);
            return;
        }

        bool closed = false;
        while (!into.Full)
        {
            int start = at + delimiter.Length;
            if (start + 2 <= text.Length && text.AsSpan(start, 2).SequenceEqual("--"))
            {
                closed = true;
                break;
            }

            int next = text.IndexOf(delimiter, start, StringComparison.Ordinal);
            if (next < 0) break;
            ReadPart(text.AsSpan(start, next - start), maxDepth, into);
            at = next;
        }

        if (!closed) into.Problem("ES-WAF-922-MALFORMED", "multipart body is not closed by its final boundary", boundary);
    }

    private static void ReadPart(ReadOnlySpan<char> part, int maxDepth, InputCollector into)
    {
        part = TrimNewline(part, leading: true);
        int split = part.IndexOf("\r\n\r\n");
        int sepLength = 4;
        int lf = part.IndexOf("\n\n");
        if (split < 0 || (lf >= 0 && lf < split))
        {
            split = lf;
            sepLength = 2;
        }

        if (split < 0) return;
        var headers = part[..split].ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string content = TrimNewline(part[(split + sepLength)..], leading: false).ToString();
        string? name = null;
        string? fileName = null;
        string partType = string.Empty;
        foreach (string header in headers)
        {
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            string key = header[..colon].Trim();
            string value = header[(colon + 1)..].Trim();
            if (key.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                name = HeaderParameter(value, "name");
                fileName = HeaderParameter(value, "filename");
            }
            else if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                partType = value;
                string? charset = HeaderParameter(value, "charset");
                if (charset is not null && !Charsets.IsAllowed(charset)) into.Problem("ES-WAF-922-CHARSET", "multipart part declares a charset used to evade inspection", value);
            }
            else if (key.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                into.Problem("ES-WAF-922-TRANSFER-ENCODING", "multipart part uses the deprecated Content-Transfer-Encoding header", value);
            }
        }

        name ??= string.Empty;
        if (Evasive(name)) into.Problem("ES-WAF-920-MULTIPART-NAME", "multipart field name with quote, '=' or ';' (parser confusion)", name);
        into.Add(new RequestInput(RequestPart.BodyName, name, name, false));
        if (fileName is not null)
        {
            if (Evasive(fileName)) into.Problem("ES-WAF-920-MULTIPART-NAME", "multipart file name with quote, '=' or ';' (parser confusion)", fileName);
            into.Add(new RequestInput(RequestPart.FileName, name, fileName, false));
            return;
        }

        if (name.Equals("_charset_", StringComparison.OrdinalIgnoreCase) && !Charsets.IsAllowed(content.Trim()))
        {
            into.Problem("ES-WAF-922-CHARSET", "multipart _charset_ field names a charset used to evade inspection", content.Trim());
        }

        string utf8 = Latin1ToUtf8(content);
        string mediaType = BodyInputs.MediaType(partType);
        if (mediaType.EndsWith("json", StringComparison.Ordinal)) JsonBodyReader.Read(Encoding.UTF8.GetBytes(utf8), maxDepth, into);
        else if (mediaType.EndsWith("xml", StringComparison.Ordinal)) XmlBodyReader.Read(utf8, maxDepth, into);
        into.Add(new RequestInput(RequestPart.BodyValue, name, utf8, false));
    }

    private static bool Evasive(string s) => s.AsSpan().IndexOfAny("'\";=") >= 0;

    private static string Latin1ToUtf8(string latin1)
    {
        if (Ascii.IsValid(latin1)) return latin1;
        byte[] bytes = Encoding.Latin1.GetBytes(latin1);
        return Encoding.UTF8.GetString(bytes);
    }

    private static ReadOnlySpan<char> TrimNewline(ReadOnlySpan<char> s, bool leading)
    {
        if (leading)
        {
            if (s.StartsWith("\r\n")) return s[2..];
            return s.StartsWith("\n") ? s[1..] : s;
        }

        if (s.EndsWith("\r\n")) return s[..^2];
        return s.EndsWith("\n") ? s[..^1] : s;
    }

    /// <summary>A parameter of a header value (boundary=..., name="...", filename=...); quotes removed.</summary>
    internal static string? HeaderParameter(string header, string parameter)
    {
        int i = 0;
        while (i < header.Length)
        {
            int semi = header.IndexOf(';', i);
            if (semi < 0) return null;
            int start = semi + 1;
            while (start < header.Length && header[start] == ' ') start++;
            int eq = header.IndexOf('=', start);
            if (eq < 0) return null;
            if (header.AsSpan(start, eq - start).Trim().Equals(parameter, StringComparison.OrdinalIgnoreCase))
            {
                int v = eq + 1;
                if (v < header.Length && header[v] == '"')
                {
                    int close = header.IndexOf('"', v + 1);
                    return close < 0 ? header[(v + 1)..] : header[(v + 1)..close];
                }

                int end = header.IndexOf(';', v);
                return (end < 0 ? header[v..] : header[v..end]).Trim();
            }

            i = start;
        }

        return null;
    }
}
