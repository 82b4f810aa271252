using System.Globalization;
using System.Text;

namespace Ensuresec.Integrity.Inspect.Js;

/// <summary>
/// A forgiving JavaScript tokenizer: linear time, never throws, and gives up on nothing (an unterminated string
/// runs to the end of its line). String escapes (\xNN, \uNNNN, \u{...}, octal) are decoded here, which already
/// undoes the hex and unicode escape obfuscation. Regex literals are told from division by the previous token.
/// </summary>
internal static class JsLexer
{
    /// <summary>Tokens beyond this are dropped: inspection of a pathological file stays bounded.</summary>
    public const int MaxTokens = 4_000_000;

    public static List<JsToken> Tokenize(string source)
    {
        var tokens = new List<JsToken>(Math.Min(source.Length / 3 + 16, 1 << 20));
        int i = 0, line = 1, n = source.Length;
        while (i < n && tokens.Count < MaxTokens)
        {
            char c = source[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < n && source[i + 1] == '/') { i = SkipLine(source, i); continue; }
            if (c == '/' && i + 1 < n && source[i + 1] == '*')
            {
                int end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? n : end + 2;
                line += Count(source, i, end, '\n');
                i = end;
                continue;
            }

            if (c is '"' or '\'')
            {
                int start = line;
                tokens.Add(new JsToken(JsTokenKind.String, ReadString(source, ref i, ref line, c), start));
                continue;
            }

            if (c == '`')
            {
                int start = line;
                tokens.Add(ReadTemplate(source, ref i, ref line, start));
                continue;
            }

            if (IsIdentStart(c))
            {
                int s = i;
                while (i < n && IsIdentPart(source[i])) i++;
                tokens.Add(new JsToken(JsTokenKind.Identifier, source[s..i], line));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < n && char.IsAsciiDigit(source[i + 1])))
            {
                tokens.Add(new JsToken(JsTokenKind.Number, ReadNumber(source, ref i), line));
                continue;
            }

            if (c == '/' && RegexAllowed(tokens))
            {
                int s = i;
                i = SkipRegex(source, i);
                tokens.Add(new JsToken(JsTokenKind.Regex, source[s..i], line));
                continue;
            }

            tokens.Add(new JsToken(JsTokenKind.Punct, ReadPunct(source, ref i), line));
        }

        return tokens;
    }

    private static readonly string[] Puncts =
    [
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "**",
    ];

    private static string ReadPunct(string s, ref int i)
    {
        foreach (string p in Puncts)
        {
            if (string.CompareOrdinal(s, i, p, 0, p.Length) == 0)
            {
                i += p.Length;
                return p;
            }
        }

        return s[i++].ToString();
    }

    private static bool RegexAllowed(List<JsToken> tokens)
    {
        if (tokens.Count == 0) return true;
        var prev = tokens[^1];
        return prev.Kind switch
        {
            JsTokenKind.Number or JsTokenKind.String or JsTokenKind.Regex or JsTokenKind.Template => false,
            JsTokenKind.Identifier => prev.Text is "return" or "typeof" or "case" or "do" or "else" or "in" or "of" or "new" or "delete" or "void" or "throw" or "instanceof" or "yield" or "await",
            _ => prev.Text is not (")" or "]" or "}" or "++" or "--"),
        };
    }

    private static int SkipRegex(string s, int i)
    {
        int n = s.Length;
        bool inClass = false;
        i++;
        while (i < n && s[i] != '\n')
        {
            char c = s[i];
            if (c == '\\') { i += 2; continue; }
            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            else if (c == '/' && !inClass) { i++; break; }
            i++;
        }

        while (i < n && char.IsAsciiLetter(s[i])) i++;
        return Math.Min(i, n);
    }

    private static int SkipLine(string s, int i)
    {
        int end = s.IndexOf('\n', i);
        return end < 0 ? s.Length : end;
    }

    private static int Count(string s, int from, int to, char c)
    {
        int count = 0;
        for (int k = from; k < to; k++) if (s[k] == c) count++;
        return count;
    }

    private static string ReadNumber(string s, ref int i)
    {
        int start = i, n = s.Length;
        if (s[i] == '0' && i + 1 < n && (s[i + 1] | 0x20) is 'x' or 'o' or 'b')
        {
            int radix = (s[i + 1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            i += 2;
            int digits = i;
            while (i < n && (char.IsAsciiHexDigit(s[i]) || s[i] == '_')) i++;
            if (i < n && s[i] == 'n') i++;
            string body = s[digits..i].Replace("_", string.Empty, StringComparison.Ordinal).TrimEnd('n');
            // Normalise to decimal so that 0x41 and 65 read the same to the folding steps.
            if (body.Length is > 0 and <= 12)
            {
                try
                {
                    return Convert.ToInt64(body, radix).ToString(CultureInfo.InvariantCulture);
                }
                catch (FormatException)
                {
                }
                catch (ArgumentException)
                {
                }
            }

            return s[start..i];
        }

        while (i < n && (char.IsAsciiDigit(s[i]) || s[i] is '.' or '_' or 'e' or 'E' or 'n' ||
                         ((s[i] is '+' or '-') && (s[i - 1] | 0x20) == 'e'))) i++;
        return s[start..i].Replace("_", string.Empty, StringComparison.Ordinal);
    }

    private static string ReadString(string s, ref int i, ref int line, char quote)
    {
        var sb = new StringBuilder();
        int n = s.Length;
        i++;
        while (i < n)
        {
            char c = s[i];
            if (c == quote) { i++; break; }
            if (c == '\n') break; // unterminated: stop at the line end
            if (c == '\\' && i + 1 < n)
            {
                i = ReadEscape(s, i + 1, sb, ref line);
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    /// <summary>Reads one escape after a backslash into <paramref name="sb"/>; returns the index after it.</summary>
    internal static int ReadEscape(string s, int i, StringBuilder sb, ref int line)
    {
        char e = s[i];
        switch (e)
        {
            case 'n': sb.Append('\n'); return i + 1;
            case 't': sb.Append('\t'); return i + 1;
            case 'r': sb.Append('\r'); return i + 1;
            case 'b': sb.Append('\b'); return i + 1;
            case 'f': sb.Append('\f'); return i + 1;
            case 'v': sb.Append('\v'); return i + 1;
            case '\n': line++; return i + 1;
            case 'x' when i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]):
                sb.Append((char)int.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return i + 3;
            case 'u' when i + 1 < s.Length && s[i + 1] == '{':
            {
                int close = s.IndexOf('}', i + 2);
                if (close > 0 && close - i - 2 is > 0 and <= 6 &&
                    int.TryParse(s.AsSpan(i + 2, close - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int cp) && cp <= 0x10FFFF &&
                    cp is < 0xD800 or > 0xDFFF)
                {
                    sb.Append(char.ConvertFromUtf32(cp));
                    return close + 1;
                }

                sb.Append('u');
                return i + 1;
            }

            case 'u' when i + 4 < s.Length && int.TryParse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int unit):
                sb.Append((char)unit);
                return i + 5;
            case >= '0' and <= '7':
            {
                int v = 0, k = i;
                while (k < s.Length && k < i + 3 && s[k] is >= '0' and <= '7' && v * 8 + (s[k] - '0') <= 255)
                {
                    v = v * 8 + (s[k] - '0');
                    k++;
                }

                sb.Append((char)v);
                return k;
            }

            default:
                sb.Append(e);
                return i + 1;
        }
    }

    private static JsToken ReadTemplate(string s, ref int i, ref int line, int startLine)
    {
        // A template without substitutions is a plain string to the analysis; with substitutions it keeps its raw
        // text, and the expressions inside are tokenized separately by the analyser.
        var sb = new StringBuilder();
        int n = s.Length, depth = 0;
        bool hasSubstitution = false;
        i++;
        while (i < n)
        {
            char c = s[i];
            if (depth == 0 && c == '`') { i++; break; }
            if (c == '\n') line++;
            if (c == '\\' && i + 1 < n)
            {
                if (depth == 0) { i = ReadEscape(s, i + 1, sb, ref line); continue; }
                sb.Append(c).Append(s[i + 1]);
                i += 2;
                continue;
            }

            if (depth == 0 && c == '$' && i + 1 < n && s[i + 1] == '{') { depth = 1; hasSubstitution = true; sb.Append("${"); i += 2; continue; }
            if (depth > 0 && c == '{') depth++;
            if (depth > 0 && c == '}') depth--;
            sb.Append(c);
            i++;
        }

        return new JsToken(hasSubstitution ? JsTokenKind.Template : JsTokenKind.String, sb.ToString(), startLine);
    }

    private static bool IsIdentStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '\u200c' or '\u200d';
}
