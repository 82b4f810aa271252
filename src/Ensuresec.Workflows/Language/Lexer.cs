using System.Globalization;
using System.Text;

namespace Ensuresec.Workflows.Language;

/// <summary>Splits workflow text into tokens; the first bad character ends it with an error and its position.</summary>
internal static class Lexer
{
    public const int MaxIdentifierLength = 128;
    public const int MaxStringLength = 1024;

    // Longest first, so "<->" is not read as "<" "-" ">".
    private static readonly string[] Symbols =
    [
        "<->", "[]", "<>", "->", ":=", "==", "!=", "<=", ">=", "&&", "||", "..",
        "{", "}", "(", ")", ";", ":", ",", ".", "<", ">", "+", "-", "!", "@", "=",
    ];

    public static bool TryTokenize(string text, out List<Token> tokens, out (SourcePos Pos, string Message) error)
    {
        tokens = [];
        error = default;
        int i = 0, line = 1, col = 1;
        while (true)
        {
            // Whitespace and comments.
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '\n') { i++; line++; col = 1; }
                else if (c is ' ' or '\t' or '\r') { i++; col++; }
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n') { i++; col++; }
                }
                else break;
            }

            var pos = new SourcePos(line, col);
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", pos));
                return true;
            }

            char ch = text[i];
            if (char.IsAsciiLetter(ch) || ch == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                if (i - start > MaxIdentifierLength)
                {
                    error = (pos, $"name longer than {MaxIdentifierLength} characters");
                    return false;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], pos));
                col += i - start;
                continue;
            }

            if (char.IsAsciiDigit(ch))
            {
                int start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                string digits = text[start..i];
                if (digits.Length > 9 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    error = (pos, $"number {Shorten(digits)} is too large (at most 999999999)");
                    return false;
                }

                tokens.Add(new Token(TokenKind.Integer, digits, pos));
                col += i - start;
                continue;
            }

            if (ch == '"')
            {
                if (!TryString(text, ref i, ref col, out string? value, out string? why))
                {
                    error = (pos, why!);
                    return false;
                }

                tokens.Add(new Token(TokenKind.String, value!, pos));
                continue;
            }

            string? symbol = null;
            foreach (var s in Symbols)
            {
                if (string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                {
                    symbol = s;
                    break;
                }
            }

            if (symbol is null)
            {
                error = (pos, $"unexpected character {Describe(ch)}");
                return false;
            }

            tokens.Add(new Token(TokenKind.Symbol, symbol, pos));
            i += symbol.Length;
            col += symbol.Length;
        }
    }

    private static bool TryString(string text, ref int i, ref int col, out string? value, out string? why)
    {
        var sb = new StringBuilder();
        i++;
        col++;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n')
            {
                value = null;
                why = "string not closed before the end of the line";
                return false;
            }

            char c = text[i];
            if (c == '"')
            {
                i++;
                col++;
                value = sb.ToString();
                why = null;
                return true;
            }

            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('"' or '\\'))
                {
                    value = null;
                    why = "only \\\" and \\\\ may be escaped in a string";
                    return false;
                }

                c = text[i + 1];
                i++;
                col++;
            }
            else if (char.IsControl(c))
            {
                value = null;
                why = $"control character {Describe(c)} in a string";
                return false;
            }

            sb.Append(c);
            i++;
            col++;
            if (sb.Length > MaxStringLength)
            {
                value = null;
                why = $"string longer than {MaxStringLength} characters";
                return false;
            }
        }
    }

    private static string Describe(char c) =>
        c is >= ' ' and < (char)127 ? $"'{c}'" : $"U+{(int)c:X4}";

    private static string Shorten(string digits) => digits.Length > 20 ? digits[..20] + "..." : digits;
}
