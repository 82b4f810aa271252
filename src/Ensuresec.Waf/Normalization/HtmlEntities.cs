using System.Globalization;
using System.Text;

namespace Ensuresec.Waf.Normalization;

/// <summary>
/// HTML character references: decimal and hexadecimal (the ';' optional, as browsers accept) and the named ones
/// attackers use to hide markup and script (&amp;lt; &amp;colon; &amp;tab; &amp;newline; ...).
/// </summary>
internal static class HtmlEntities
{
    private static readonly Dictionary<string, char> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lt"] = '<', ["gt"] = '>', ["amp"] = '&', ["quot"] = '"', ["apos"] = '\'', ["nbsp"] = ' ', ["tab"] = '\t',
        ["newline"] = '\n', ["colon"] = ':', ["lpar"] = '(', ["rpar"] = ')', ["sol"] = '/', ["bsol"] = '\\', ["semi"] = ';',
        ["comma"] = ',', ["period"] = '.', ["excl"] = '!', ["num"] = '#', ["dollar"] = '$', ["percnt"] = '%', ["lsqb"] = '[',
        ["rsqb"] = ']', ["lbrack"] = '[', ["rbrack"] = ']', ["lcub"] = '{', ["rcub"] = '}', ["lbrace"] = '{', ["rbrace"] = '}',
        ["grave"] = '`', ["equals"] = '=', ["plus"] = '+', ["ast"] = '*', ["quest"] = '?', ["vert"] = '|', ["hat"] = '^',
        ["lowbar"] = '_', ["commat"] = '@', ["Hat"] = '^',
    };

    public static string Decode(string s, ref NormalizationFlags flags)
    {
        StringBuilder? sb = null;
        int copied = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '&') continue;
            if (!TryEntity(s, i, out char c, out int length)) continue;
            sb ??= new StringBuilder(s.Length);
            sb.Append(s, copied, i - copied).Append(c);
            i += length - 1;
            copied = i + 1;
        }

        if (sb is null) return s;
        flags |= NormalizationFlags.HtmlEntity;
        return sb.Append(s, copied, s.Length - copied).ToString();
    }

    private static bool TryEntity(string s, int at, out char c, out int length)
    {
        c = '\0';
        length = 0;
        int i = at + 1;
        if (i < s.Length && s[i] == '#')
        {
            i++;
            bool hex = i < s.Length && (s[i] == 'x' || s[i] == 'X');
            if (hex) i++;
            int start = i;
            while (i < s.Length && i - start < 8 && (hex ? Uri.IsHexDigit(s[i]) : char.IsAsciiDigit(s[i]))) i++;
            if (i == start) return false;
            if (!int.TryParse(s.AsSpan(start, i - start), hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out int cp)
                || cp is < 1 or > 0xFFFF || cp is >= 0xD800 and <= 0xDFFF) return false;
            if (i < s.Length && s[i] == ';') i++;
            c = (char)cp;
            length = i - at;
            return true;
        }

        int nameStart = i;
        while (i < s.Length && i - nameStart < 10 && char.IsAsciiLetter(s[i])) i++;
        if (i == nameStart || i >= s.Length || s[i] != ';') return false;
        if (!Named.TryGetValue(s.Substring(nameStart, i - nameStart), out c)) return false;
        length = i + 1 - at;
        return true;
    }
}
