using System.Buffers;
using System.Text;

namespace Ensuresec.Waf.Normalization;

/// <summary>
/// One pass of percent-decoding, as lenient as the servers being protected: %HH, %uHHHH (IIS), '+' as a space
/// in forms; malformed escapes are kept literally and flagged. The bytes are read as UTF-8 where overlong forms
/// (%c0%af for '/') decode to their character and stray bytes to Latin-1, because that is what lenient decoders do.
/// </summary>
internal static class PercentDecoder
{
    public static string Decode(string s, bool plusIsSpace, ref NormalizationFlags flags)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(checked(s.Length * 3 + 4));
        try
        {
            int n = 0;
            bool changed = false;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '%')
                {
                    if (i + 2 < s.Length && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0)
                    {
                        buffer[n++] = (byte)(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
                        i += 2;
                        changed = true;
                        continue;
                    }

                    if (i + 5 < s.Length && (s[i + 1] == 'u' || s[i + 1] == 'U') && Hex4(s, i + 2) is int code and >= 0)
                    {
                        flags |= NormalizationFlags.PercentU;
                        if (code is >= 0xFF00 and <= 0xFFEF) flags |= NormalizationFlags.FullWidthPercentU;
                        n += EncodeChar((char)code, buffer.AsSpan(n));
                        i += 5;
                        changed = true;
                        continue;
                    }

                    flags |= NormalizationFlags.InvalidPercent;
                    buffer[n++] = (byte)'%';
                }
                else if (c == '+' && plusIsSpace)
                {
                    buffer[n++] = (byte)' ';
                    changed = true;
                }
                else if (c < 0x80)
                {
                    buffer[n++] = (byte)c;
                }
                else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    n += Encoding.UTF8.GetBytes(s.AsSpan(i, 2), buffer.AsSpan(n));
                    i++;
                }
                else
                {
                    n += EncodeChar(c, buffer.AsSpan(n));
                }
            }

            return changed ? Utf8Lenient.Decode(buffer.AsSpan(0, n), ref flags) : s;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int EncodeChar(char c, Span<byte> into)
    {
        if (char.IsSurrogate(c))
        {
            into[0] = (byte)'?';
            return 1;
        }

        return Encoding.UTF8.GetBytes([c], into);
    }

    internal static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    internal static int Hex4(string s, int at)
    {
        int v = 0;
        for (int k = 0; k < 4; k++)
        {
            int h = Hex(s[at + k]);
            if (h < 0) return -1;
            v = v * 16 + h;
        }

        return v;
    }
}
