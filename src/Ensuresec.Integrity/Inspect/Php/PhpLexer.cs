using System.Globalization;
using System.Text;
using Ensuresec.Integrity.Inspect.Js;

namespace Ensuresec.Integrity.Inspect.Php;

/// <summary>
/// A forgiving PHP tokenizer over a whole file: text outside &lt;?php ... ?&gt; is returned as HTML segments; inside,
/// variables, names, strings (escapes decoded), heredoc and nowdoc, backtick commands, numbers and punctuation.
/// Reuses <see cref="JsToken"/>: a variable is an Identifier starting with '$', a backtick command a Template.
/// </summary>
internal static class PhpLexer
{
    public static (List<JsToken> Tokens, List<(string Html, int Line)> Html) Tokenize(string source)
    {
        var tokens = new List<JsToken>();
        var html = new List<(string, int)>();
        int i = 0, line = 1, n = source.Length;
        while (i < n && tokens.Count < JsLexer.MaxTokens)
        {
            int open = source.IndexOf("<?", i, StringComparison.Ordinal);
            int end = open < 0 ? n : open;
            if (end > i)
            {
                html.Add((source[i..end], line));
                line += CountLines(source, i, end);
            }

            if (open < 0) break;
            i = open + 2;
            if (string.CompareOrdinal(source, i, "php", 0, 3) == 0) i += 3;
            else if (i < n && source[i] == '=') { i++; tokens.Add(new JsToken(JsTokenKind.Identifier, "echo", line)); }
            else if (string.CompareOrdinal(source, i, "xml", 0, 3) == 0) { html.Add(("<?", line)); continue; }
            i = Code(source, i, ref line, tokens);
        }

        return (tokens, html);
    }

    private static int Code(string s, int i, ref int line, List<JsToken> tokens)
    {
        int n = s.Length;
        while (i < n && tokens.Count < JsLexer.MaxTokens)
        {
            char c = s[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '?' && i + 1 < n && s[i + 1] == '>') { tokens.Add(new JsToken(JsTokenKind.Punct, ";", line)); return i + 2; }
            if (c == '#' && !(i + 1 < n && s[i + 1] == '[') || (c == '/' && i + 1 < n && s[i + 1] == '/'))
            {
                // a line comment ends at the line end or at ?>
                while (i < n && s[i] != '\n' && !(s[i] == '?' && i + 1 < n && s[i + 1] == '>')) i++;
                continue;
            }

            if (c == '/' && i + 1 < n && s[i + 1] == '*')
            {
                int end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? n : end + 2;
                line += CountLines(s, i, end);
                i = end;
                continue;
            }

            int start = line;
            if (c == '\'') { tokens.Add(new JsToken(JsTokenKind.String, SingleQuoted(s, ref i, ref line), start)); continue; }
            if (c == '"') { tokens.Add(new JsToken(JsTokenKind.String, DoubleQuoted(s, ref i, ref line, '"'), start)); continue; }
            if (c == '`') { tokens.Add(new JsToken(JsTokenKind.Template, DoubleQuoted(s, ref i, ref line, '`'), start)); continue; }
            if (c == '<' && string.CompareOrdinal(s, i, "<<<", 0, 3) == 0 && Heredoc(s, ref i, ref line) is { } doc)
            {
                tokens.Add(new JsToken(JsTokenKind.String, doc, start));
                continue;
            }

            if (c == '$' && i + 1 < n && (char.IsLetter(s[i + 1]) || s[i + 1] == '_'))
            {
                int b = i++;
                while (i < n && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                tokens.Add(new JsToken(JsTokenKind.Identifier, s[b..i], line));
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '\\')
            {
                int b = i;
                while (i < n && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '\\')) i++;
                // names are case-insensitive in PHP; \System and system are the same function
                tokens.Add(new JsToken(JsTokenKind.Identifier, s[b..i].TrimStart('\\').ToLowerInvariant(), line));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                int b = i;
                while (i < n && (char.IsAsciiHexDigit(s[i]) || s[i] is 'x' or 'X' or '_' or '.')) i++;
                string text = s[b..i].Replace("_", string.Empty, StringComparison.Ordinal);
                if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long hex))
                {
                    text = hex.ToString(CultureInfo.InvariantCulture);
                }

                tokens.Add(new JsToken(JsTokenKind.Number, text, line));
                continue;
            }

            tokens.Add(new JsToken(JsTokenKind.Punct, s[i..(i + 1)], line));
            i++;
        }

        return i;
    }

    private static string SingleQuoted(string s, ref int i, ref int line)
    {
        var sb = new StringBuilder();
        i++;
        while (i < s.Length && s[i] != '\'')
        {
            if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '\'' or '\\') { sb.Append(s[i + 1]); i += 2; continue; }
            if (s[i] == '\n') line++;
            sb.Append(s[i++]);
        }

        i = Math.Min(i + 1, s.Length);
        return sb.ToString();
    }

    private static string DoubleQuoted(string s, ref int i, ref int line, char quote)
    {
        var sb = new StringBuilder();
        i++;
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                // PHP: \101 octal, \x41 hex, \u{41}; \$ is a dollar; unknown escapes stay as written
                char e = s[i + 1];
                if (e is 'x' or 'u' or 'n' or 't' or 'r' or 'v' or 'f' or >= '0' and <= '7') { i = JsLexer.ReadEscape(s, i + 1, sb, ref line); continue; }
                if (e is '\\' or '$' or '"' or '`') { sb.Append(e); i += 2; continue; }
                sb.Append('\\');
                i++;
                continue;
            }

            if (s[i] == '\n') line++;
            sb.Append(s[i++]);
        }

        i = Math.Min(i + 1, s.Length);
        return sb.ToString();
    }

    private static string? Heredoc(string s, ref int i, ref int line)
    {
        int j = i + 3;
        while (j < s.Length && s[j] is ' ' or '\t') j++;
        bool nowdoc = j < s.Length && s[j] == '\'';
        bool quoted = j < s.Length && s[j] is '\'' or '"';
        if (quoted) j++;
        int b = j;
        while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_')) j++;
        if (j == b) return null;
        string label = s[b..j];
        if (quoted) j++;
        int bodyStart = s.IndexOf('\n', j);
        if (bodyStart < 0) return null;
        int close = bodyStart;
        while (true)
        {
            close = s.IndexOf(label, close + 1, StringComparison.Ordinal);
            if (close < 0) { close = s.Length; break; }
            int lineStart = s.LastIndexOf('\n', close - 1);
            if (string.IsNullOrWhiteSpace(s[(lineStart + 1)..close])) break;
        }

        string body = s[(bodyStart + 1)..Math.Max(bodyStart + 1, Math.Min(close, s.Length))];
        line += CountLines(s, i, Math.Min(close, s.Length));
        i = Math.Min(close + label.Length, s.Length);
        if (nowdoc) return body.TrimEnd();
        int k = 0;
        var sb = new StringBuilder();
        int ignored = 0;
        while (k < body.Length)
        {
            if (body[k] == '\\' && k + 1 < body.Length) { k = JsLexer.ReadEscape(body, k + 1, sb, ref ignored); continue; }
            sb.Append(body[k++]);
        }

        return sb.ToString().TrimEnd();
    }

    private static int CountLines(string s, int from, int to)
    {
        int count = 0;
        for (int k = from; k < to && k < s.Length; k++) if (s[k] == '\n') count++;
        return count;
    }
}
