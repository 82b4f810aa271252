using System.Globalization;
using System.Text;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Http;

/// <summary>
/// Reads an HTTP/1.x request from its bytes (request line, headers, body; chunked bodies are de-chunked), as lenient
/// as servers are: lines may end in LF alone, header names and values keep their case. Never throws on bad input.
/// </summary>
public static class RawRequestParser
{
    public static bool TryParse(ReadOnlySpan<byte> bytes, out HttpRequestData? request, out string error)
    {
        request = null;
        int headerEnd = IndexOf(bytes, "\r\n\r\n"u8, out int sep);
        string head = Encoding.Latin1.GetString(headerEnd < 0 ? bytes : bytes[..headerEnd]);
        var body = headerEnd < 0 ? [] : bytes[(headerEnd + sep)..].ToArray();
        var lines = head.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r').Length == 0)
        {
            error = "empty request line";
            return false;
        }

        string line = lines[0].TrimEnd('\r');
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            error = $"request line has {parts.Length} part(s): {line}";
            return false;
        }

        string version = parts.Length >= 3 ? parts[^1] : string.Empty;
        string target = parts.Length >= 3 ? string.Join(' ', parts[1..^1]) : parts[1];
        var headers = new List<KeyValuePair<string, string>>();
        for (int i = 1; i < lines.Length; i++)
        {
            string h = lines[i].TrimEnd('\r');
            if (h.Length == 0) continue;
            int colon = h.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) headers.Add(new(h, string.Empty));
            else headers.Add(new(h[..colon].Trim(), h[(colon + 1)..].Trim()));
        }

        var data = new HttpRequestData { Method = parts[0], Target = target, Version = version, Headers = headers, Body = body };
        if (data.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true && Dechunk(body) is { } plain)
        {
            data = data with { Body = plain };
        }

        request = data;
        error = string.Empty;
        return true;
    }

    private static int IndexOf(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> crlf, out int length)
    {
        int at = bytes.IndexOf(crlf);
        int lf = bytes.IndexOf("\n\n"u8);
        if (at >= 0 && (lf < 0 || at < lf))
        {
            length = 4;
            return at;
        }

        length = 2;
        return lf;
    }

    private static byte[]? Dechunk(byte[] body)
    {
        var output = new List<byte>(body.Length);
        int i = 0;
        while (i < body.Length)
        {
            int nl = Array.IndexOf(body, (byte)'\n', i);
            if (nl < 0) return null;
            string sizeText = Encoding.ASCII.GetString(body, i, nl - i).Trim().Split(';')[0];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int size) || size < 0) return null;
            if (size == 0) return [.. output];
            int start = nl + 1;
            if (start + size > body.Length) return null;
            output.AddRange(body.AsSpan(start, size).ToArray());
            i = start + size;
            while (i < body.Length && (body[i] == '\r' || body[i] == '\n')) i++;
        }

        return [.. output];
    }
}
