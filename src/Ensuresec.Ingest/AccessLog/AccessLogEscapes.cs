using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Ensuresec.Ingest;

/// <summary>
/// Undoes the escaping web servers apply to logged values: Apache writes <c>\"</c> and <c>\\</c>, nginx writes
/// <c>\xHH</c> for '"', '\' and bytes outside printable ASCII. A run of <c>\xHH</c> is decoded only when it is valid UTF-8
/// without control characters; otherwise it stays as logged, so nothing is lost and no control character is injected.
/// </summary>
internal static class AccessLogEscapes
{
    /// <summary>Index of the closing quote of a quoted value starting at <paramref name="start"/>, skipping escaped quotes; -1 if none.</summary>
    public static int IndexOfClosingQuote(ReadOnlySpan<char> line, int start)
    {
        int i = start;
        while (true)
        {
            int rel = line[i..].IndexOfAny('"', '\\');
            if (rel < 0) return -1;
            i += rel;
            if (line[i] == '"') return i;
            i += 2; // skip the escaped character
            if (i >= line.Length) return -1;
        }
    }

    public static string Unescape(ReadOnlySpan<char> value)
    {
        int first = value.IndexOf('\\');
        if (first < 0) return new string(value);
        var sb = new StringBuilder(value.Length);
        sb.Append(value[..first]);
        Span<byte> bytes = stackalloc byte[256];
        int i = first;
        while (i < value.Length)
        {
            char c = value[i];
            if (c != '\\' || i + 1 >= value.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }

            char next = value[i + 1];
            if (next is '"' or '\\')
            {
                sb.Append(next);
                i += 2;
                continue;
            }

            int runStart = i;
            int count = 0;
            while (count < bytes.Length && IsHexEscape(value, i))
            {
                bytes[count++] = byte.Parse(value.Slice(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                i += 4;
            }

            if (count == 0)
            {
                sb.Append(c);
                i++;
                continue;
            }

            AppendDecoded(sb, bytes[..count], value[runStart..i]);
        }

        return sb.ToString();
    }

    private static void AppendDecoded(StringBuilder sb, ReadOnlySpan<byte> bytes, ReadOnlySpan<char> escaped)
    {
        Span<char> chars = stackalloc char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out _, out int written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done && !chars[..written].ContainsAnyInRange('\0', '\u001f') && !chars[..written].Contains('\u007f'))
        {
            sb.Append(chars[..written]);
        }
        else
        {
            sb.Append(escaped);
        }
    }

    private static bool IsHexEscape(ReadOnlySpan<char> s, int i) =>
        i + 3 < s.Length && s[i] == '\\' && s[i + 1] == 'x' && char.IsAsciiHexDigit(s[i + 2]) && char.IsAsciiHexDigit(s[i + 3]);
}
