namespace Ensuresec.Waf.Detectors.Sql;

/// <summary>
/// A small SQL lexer (MySQL, PostgreSQL, SQL Server, Oracle, SQLite dialects together) over lower-case text. It can
/// start inside a string literal, as the input would if the application put it between quotes, so the first token is
/// then the rest of that literal: what follows is what the attacker made the database run.
/// Linear time, no backtracking; at most <see cref="MaxTokens"/> tokens.
/// </summary>
internal static class SqlTokenizer
{
    public const int MaxTokens = 200;

    /// <returns>false when the input never leaves the starting string (nothing to run).</returns>
    public static bool Tokenize(string s, char startQuote, List<SqlToken> tokens)
    {
        tokens.Clear();
        int i = 0;
        if (startQuote != '\0')
        {
            int end = EndOfString(s, 0, startQuote, out bool closed);
            if (!closed) return false;
            tokens.Add(new SqlToken(SqlTokenKind.String, 0, end));
            i = end;
        }

        while (i < s.Length && tokens.Count < MaxTokens)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c) || c < 0x20 || c == '\u00a0')
            {
                i++;
                continue;
            }

            int start = i;
            if (c == '/' && Next(s, i) == '*')
            {
                bool versioned = Next(s, i + 1) == '!';
                if (versioned)
                {
                    // MySQL runs the inside of /*!50000 ... */: skip the marker and version, keep lexing the contents.
                    i += 3;
                    while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                    tokens.Add(new SqlToken(SqlTokenKind.Comment, start, i - start, true, true));
                    continue;
                }

                int close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? s.Length : close + 2;
                tokens.Add(new SqlToken(SqlTokenKind.Comment, start, i - start, close >= 0));
                continue;
            }

            if (c == '*' && Next(s, i) == '/')
            {
                i += 2;
                tokens.Add(new SqlToken(SqlTokenKind.Comment, start, 2));
                continue;
            }

            if ((c == '-' && Next(s, i) == '-') || c == '#')
            {
                int eol = s.IndexOf('\n', i);
                i = eol < 0 ? s.Length : eol;
                tokens.Add(new SqlToken(SqlTokenKind.Comment, start, i - start));
                continue;
            }

            if (c is '\'' or '"')
            {
                int end = EndOfString(s, i + 1, c, out bool closed);
                i = end;
                tokens.Add(new SqlToken(SqlTokenKind.String, start, i - start, closed));
                continue;
            }

            if (c == '`' || (c == '[' && IsIdentifierStart(Next(s, i))))
            {
                char closeChar = c == '`' ? '`' : ']';
                int close = s.IndexOf(closeChar, i + 1);
                i = close < 0 ? s.Length : close + 1;
                tokens.Add(new SqlToken(SqlTokenKind.Word, start, i - start, close >= 0));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Next(s, i))))
            {
                i = EndOfNumber(s, i);
                tokens.Add(new SqlToken(SqlTokenKind.Number, start, i - start));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                i++;
                while (i < s.Length && IsIdentifierPart(s[i])) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Word, start, i - start));
                continue;
            }

            if (c == '@')
            {
                i++;
                if (Next(s, start) == '@') i++;
                while (i < s.Length && (IsIdentifierPart(s[i]) || s[i] == '.')) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Variable, start, i - start));
                continue;
            }

            i++;
            var kind = c switch
            {
                '(' => SqlTokenKind.LeftParen,
                ')' => SqlTokenKind.RightParen,
                ',' => SqlTokenKind.Comma,
                ';' => SqlTokenKind.Semicolon,
                '.' => SqlTokenKind.Dot,
                '=' or '<' or '>' or '!' or '|' or '&' or '+' or '-' or '*' or '/' or '%' or '^' or '~' or ':' => SqlTokenKind.Operator,
                _ => SqlTokenKind.Other,
            };
            if (kind == SqlTokenKind.Operator) i = start + OperatorLength(s, start);

            tokens.Add(new SqlToken(kind, start, i - start));
        }

        return true;
    }

    /// <summary>
    /// The longest operator SQL (and the JavaScript of NoSQL $where clauses) knows at that place: "=||" is '=' then
    /// '||', not one token, so a condition chained after an assignment is still seen.
    /// </summary>
    private static int OperatorLength(string s, int i)
    {
        var rest = s.AsSpan(i);
        foreach (string op in Operators)
        {
            if (rest.StartsWith(op, StringComparison.Ordinal)) return op.Length;
        }

        return 1;
    }

    // Longest first.
    private static readonly string[] Operators = ["<=>", "===", "!==", "||", "&&", "==", "!=", "<>", "<=", ">=", "<<", ">>", ":=", "!<", "!>"];

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c == '$';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$';

    /// <summary>The index after the closing quote; a quote is escaped by a backslash or by doubling it.</summary>
    private static int EndOfString(string s, int from, char quote, out bool closed)
    {
        int i = from;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < s.Length && s[i + 1] == quote && from != 0)
                {
                    i += 2;
                    continue;
                }

                closed = true;
                return i + 1;
            }

            i++;
        }

        closed = false;
        return s.Length;
    }

    private static int EndOfNumber(string s, int i)
    {
        if (s[i] == '0' && i + 1 < s.Length && (s[i + 1] == 'x' || s[i + 1] == 'b'))
        {
            i += 2;
            while (i < s.Length && Uri.IsHexDigit(s[i])) i++;
            return i;
        }

        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
        if (i < s.Length && s[i] == 'e' && i + 1 < s.Length && (char.IsAsciiDigit(s[i + 1]) || s[i + 1] is '+' or '-'))
        {
            i += 2;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }

        return i;
    }
}
