using System.Text;

namespace Ensuresec.Waf.Normalization;

/// <summary>JavaScript and C-style escapes: \uHHHH and \xHH (how payloads hide from keyword filters inside script).</summary>
internal static class EscapeDecoder
{
    public static string Decode(string s)
    {
        StringBuilder? sb = null;
        int copied = 0;
        for (int i = 0; i + 3 < s.Length; i++)
        {
            if (s[i] != '\\') continue;
            int code = -1;
            int length = 0;
            char kind = s[i + 1];
            if ((kind == 'u' || kind == 'U') && i + 5 < s.Length)
            {
                code = PercentDecoder.Hex4(s, i + 2);
                length = 6;
            }
            else if (kind == 'x' || kind == 'X')
            {
                int hi = PercentDecoder.Hex(s[i + 2]);
                int lo = PercentDecoder.Hex(s[i + 3]);
                code = hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
                length = 4;
            }

            if (code <= 0 || code is >= 0xD800 and <= 0xDFFF) continue;
            sb ??= new StringBuilder(s.Length);
            sb.Append(s, copied, i - copied).Append((char)code);
            i += length - 1;
            copied = i + 1;
        }

        return sb is null ? s : sb.Append(s, copied, s.Length - copied).ToString();
    }
}
