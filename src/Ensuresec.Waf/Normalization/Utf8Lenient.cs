using System.Text;

namespace Ensuresec.Waf.Normalization;

/// <summary>UTF-8 as lenient decoders read it: overlong forms give their character, invalid bytes their Latin-1 character.</summary>
internal static class Utf8Lenient
{
    public static string Decode(ReadOnlySpan<byte> bytes, ref NormalizationFlags flags)
    {
        if (Ascii.IsValid(bytes)) return Encoding.ASCII.GetString(bytes);
        var sb = new StringBuilder(bytes.Length);
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                sb.Append((char)b);
                i++;
                continue;
            }

            int need = b >= 0xF0 && b <= 0xF7 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
            if (need > 0 && Continuations(bytes, i + 1, need))
            {
                int cp = need switch { 1 => b & 0x1F, 2 => b & 0x0F, _ => b & 0x07 };
                for (int k = 1; k <= need; k++) cp = (cp << 6) | (bytes[i + k] & 0x3F);
                int min = need switch { 1 => 0x80, 2 => 0x800, _ => 0x10000 };
                if (cp < min) flags |= NormalizationFlags.OverlongUtf8;
                if (cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF) sb.Append('?');
                else sb.Append(char.ConvertFromUtf32(cp));
                i += need + 1;
                continue;
            }

            flags |= NormalizationFlags.InvalidUtf8;
            sb.Append((char)b);
            i++;
        }

        return sb.ToString();
    }

    private static bool Continuations(ReadOnlySpan<byte> bytes, int from, int count)
    {
        if (from + count > bytes.Length) return false;
        for (int k = 0; k < count; k++)
        {
            if ((bytes[from + k] & 0xC0) != 0x80) return false;
        }

        return true;
    }
}
