using System.Buffers;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors.Sql;

/// <summary>
/// SQL injection by syntax, not by keyword lists: the value is lexed as SQL three times (as a bare fragment, and as
/// if it started inside a '...' or "..." literal), and the detector looks for what changes a query's meaning: a UNION or
/// stacked statement, a SELECT with its clauses, a boolean condition after breaking out of a literal, a comment that
/// cuts the rest of the query, time-delay and file functions, versioned comments, server variables.
/// </summary>
internal sealed class SqlInjectionDetector
{
    private const AttackClass Sql = AttackClass.SqlInjection;
    private static readonly SearchValues<char> Gate = SearchValues.Create("'\"`;()=<>|&#@!");
    private readonly List<SqlToken> _tokens = new(64);
    private readonly List<Code> _code = new(64);

    private static readonly SearchValues<string> StatementWords = SearchValues.Create(["select", "union", "exec", "insert", "drop", "delete", "update", "waitfor", "having", "truncate", "declare", "shutdown", "alter", "create"], StringComparison.Ordinal);

    /// <summary>Whether a value without any SQL punctuation still holds a statement keyword worth lexing.</summary>
    public static bool HasStatementWord(string lower) => lower.Length >= 6 && lower.AsSpan().IndexOfAny(StatementWords) >= 0;

    /// <summary>"is null", "like null", "rlike 0": a plain value that opens with a comparison keyword and a literal.</summary>
    public static bool StartsWithComparison(string lower)
    {
        int space = lower.IndexOf(' ');
        if (space <= 1 || space + 1 >= lower.Length) return false;
        return (SqlWords.Of(lower.AsSpan(0, space)) & SqlWord.Comparison) != 0 && (SqlWords.Of(lower.AsSpan(space + 1).Trim(' ')) & SqlWord.Literal) != 0;
    }

    private static readonly SearchValues<char> Meta = SearchValues.Create("~!@#$%^&*()-+={}[]|:;\"'`<>");

    /// <summary>
    /// Six or more of the same SQL metacharacter in a row ("((((((", "~~~~~~", "@@@@@@"): padding and fuzzing that
    /// probe how the application's query breaks; no form field or cookie value needs it. Linear scan.
    /// </summary>
    public static void MetaCharacterRun(in RequestInput input, string s, AnalysisContext ctx)
    {
        if (input.Part is RequestPart.Path or RequestPart.Header || s.Length < 6) return;
        int i = s.AsSpan().IndexOfAny(Meta);
        while (i >= 0 && i + 6 <= s.Length)
        {
            int end = i + 1;
            while (end < s.Length && s[end] == s[i]) end++;
            if (end - i >= 6)
            {
                ctx.Add(Sql, "ES-WAF-942-META-RUN", "a run of one SQL metacharacter (fuzzing)", input.Part, input.Name, KeywordScanner.Around(s, i, 6), 2, Score.Warning);
                return;
            }

            int next = s.AsSpan(end).IndexOfAny(Meta);
            i = next < 0 ? -1 : end + next;
        }
    }

    /// <summary>"... 9 or ", "... 4 and": the value ends in a logic operator (the open condition rule decides).</summary>
    private static bool EndsWithLogic(string s)
    {
        var t = s.AsSpan().TrimEnd(' ');
        return (t.EndsWith(" or") || t.EndsWith(" and") || t.EndsWith(" xor")) && t.IndexOfAnyInRange('0', '9') >= 0;
    }

    public void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx, bool force = false)
    {
        string s = value.Lower;
        if (s.Length < 2) return;
        if (!force && s.AsSpan().IndexOfAny(Gate) < 0 && !s.Contains("--", StringComparison.Ordinal) && !s.Contains("/*", StringComparison.Ordinal) && !HasStatementWord(s) && !EndsWithLogic(s)) return;
        Check(input, s, '\0', ctx);
        // "/item/1 or 1=1": the application reads the last path segment as a value.
        if (input.Part == RequestPart.Path && s.LastIndexOf('/') is var slash and >= 0 && slash + 2 < s.Length) Check(input, s[(slash + 1)..], '\0', ctx);
        if (s.Contains('\'', StringComparison.Ordinal)) Check(input, s, '\'', ctx);
        if (s.Contains('"', StringComparison.Ordinal)) Check(input, s, '"', ctx);
        if (s.Contains('`', StringComparison.Ordinal)) Check(input, s, '`', ctx);
    }

    internal readonly record struct Code(SqlTokenKind Kind, SqlWord Word, int Start, int Length, bool CommentAfter, bool Closed);

    private void Check(in RequestInput input, string s, char quote, AnalysisContext ctx)
    {
        if (!SqlTokenizer.Tokenize(s, quote, _tokens)) return;
        _code.Clear();
        bool versioned = false;
        foreach (var t in _tokens)
        {
            if (t.Kind == SqlTokenKind.Comment)
            {
                versioned |= t.Versioned;
                if (_code.Count > 0) _code[^1] = _code[^1] with { CommentAfter = true };
                continue;
            }

            var word = t.Kind == SqlTokenKind.Word ? SqlWords.Of(t.Text(s)) : SqlWord.None;
            _code.Add(new Code(t.Kind, word, t.Start, t.Length, false, t.Closed));
        }

        bool broke = quote != '\0';
        var c = _code;
        var part = input.Part;
        string name = input.Name;
        if (versioned) ctx.Add(Sql, "ES-WAF-942-VERSIONED-COMMENT", "MySQL versioned comment /*! runs hidden SQL", part, name, s, 1, Score.Critical);
        if (broke) CheckBreakout(s, c, part, name, ctx);
        else if (ctx.Runs(2)) SqlFragments.Check(s, c, part, name, ctx);
        for (int i = 0; i < c.Count; i++)
        {
            var t = c[i];
            if (t.Kind == SqlTokenKind.Variable && s.AsSpan(t.Start).StartsWith("@@") && t.Length > 3)
            {
                ctx.Add(Sql, "ES-WAF-942-SERVER-VARIABLE", "SQL server variable", part, name, Ev(s, t), 1, Score.Critical);
            }

            if (t.Kind == SqlTokenKind.Semicolon && i + 1 < c.Count && (c[i + 1].Word & SqlWord.Statement) != 0 && StatementFollows(s, c, i + 1))
            {
                ctx.Add(Sql, "ES-WAF-942-STACKED", "stacked SQL statement after ';'", part, name, Ev(s, c[i + 1]), 1, Score.Critical);
            }

            if (t.Kind != SqlTokenKind.Word) continue;
            if (Is(s, t, "as") && i > 0 && (c[i - 1].Kind is SqlTokenKind.RightParen or SqlTokenKind.Number or SqlTokenKind.String || s[c[i - 1].Start] == '`' || (broke && i == 1)) && i + 2 < c.Count && Is(s, c[i + 2], "from"))
            {
                ctx.Add(Sql, "ES-WAF-942-ALIAS-FROM", "column alias followed by FROM (the tail of an injected SELECT)", part, name, Ev(s, t), 1, Score.Critical);
            }
            else if (Is(s, t, "from") && i + 2 < c.Count && c[i + 1].Kind == SqlTokenKind.Word && (c[i + 1].Word & SqlWord.Clause) == 0 && (IsAny(s, c[i + 2], "where", "limit", "group", "order", "union") || c[i + 2].Kind == SqlTokenKind.Dot) && ctx.Runs(2))
            {
                ctx.Add(Sql, "ES-WAF-942-FROM-CLAUSE", "FROM table followed by a clause", part, name, Ev(s, t), 2, Score.Error);
            }

            if (Is(s, t, "set") && i + 1 < c.Count && c[i + 1].Kind == SqlTokenKind.Variable && (i == 0 || c[i - 1].Kind is SqlTokenKind.Semicolon or SqlTokenKind.Operator))
            {
                ctx.Add(Sql, "ES-WAF-942-SET-VARIABLE", "SET of an SQL variable", part, name, Ev(s, t), 1, Score.Critical);
            }
            else if (Is(s, t, "having") && i + 2 < c.Count && IsOperand(c[i + 1]) && IsComparison(s, c[i + 2]) && ctx.Runs(2))
            {
                ctx.Add(Sql, "ES-WAF-942-HAVING", "HAVING condition", part, name, Ev(s, t), 2, Score.Error);
            }
            else if ((t.Word & SqlWord.Statement) != 0 && i > 0 && c[i - 1].Kind == SqlTokenKind.Semicolon && i == 1 && ctx.Runs(2))
            {
                ctx.Add(Sql, "ES-WAF-942-STATEMENT-START", "SQL statement keyword after ';'", part, name, Ev(s, t), 2, Score.Error);
            }

            if (Is(s, t, "union") && NextIs(s, c, i + 1, "select"))
            {
                ctx.Add(Sql, "ES-WAF-942-UNION", "UNION SELECT", part, name, Ev(s, t), 1, Score.Critical);
            }
            else if ((t.Word & SqlWord.Statement) != 0 && StatementFollows(s, c, i) && StatementPosition(c, i, broke))
            {
                ctx.Add(Sql, "ES-WAF-942-STATEMENT", "SQL statement with its clauses", part, name, Ev(s, t), 1, Score.Critical);
            }
            else if ((t.Word & SqlWord.DangerousFunction) != 0 && At(c, i + 1, SqlTokenKind.LeftParen))
            {
                ctx.Add(Sql, "ES-WAF-942-DANGEROUS-FUNCTION", "SQL time-delay, file or error-based function call", part, name, Ev(s, t), 1, Score.Critical);
            }
            else if ((t.Word & SqlWord.Function) != 0 && At(c, i + 1, SqlTokenKind.LeftParen) && (c[i + 1].Start == t.Start + t.Length || i == 0 || t.CommentAfter) && part != RequestPart.Path && ctx.Runs(2))
            {
                ctx.Add(Sql, "ES-WAF-942-FUNCTION", "SQL function call", part, name, Ev(s, t), 2, Score.Error);
            }
            else if ((t.Word & SqlWord.Logic) != 0)
            {
                CheckCondition(s, c, i, broke, part, name, ctx);
            }
        }

        for (int i = 0; i < c.Count; i++)
        {
            if (c[i].Kind == SqlTokenKind.Operator && (Is(s, c[i], "||") || Is(s, c[i], "&&"))) CheckCondition(s, c, i, broke, part, name, ctx);
        }
    }

    /// <summary>After leaving the literal: a comment that cuts the query, a ';', a ')' closing the application's condition, or an operator joining a new expression.</summary>
    private static void CheckBreakout(string s, List<Code> c, RequestPart part, string name, AnalysisContext ctx)
    {
        if (c.Count == 0) return;
        if (c[0].CommentAfter && s.Length > c[0].Length)
        {
            ctx.Add(Sql, "ES-WAF-942-BREAKOUT-COMMENT", "quote followed by a comment that cuts the query", part, name, s, 1, Score.Critical);
        }

        if (c.Count < 2) return;
        var next = c[1];
        if (next.Kind == SqlTokenKind.Semicolon && c.Count > 2)
        {
            ctx.Add(Sql, "ES-WAF-942-BREAKOUT-STATEMENT", "quote followed by ';' and another statement", part, name, s, 1, Score.Critical);
        }
        else if (next.Kind == SqlTokenKind.RightParen && c.Count > 2 && ((c[2].Word & (SqlWord.Logic | SqlWord.Statement)) != 0 || c[2].Kind == SqlTokenKind.Semicolon || c[1].CommentAfter))
        {
            ctx.Add(Sql, "ES-WAF-942-BREAKOUT-PAREN", "quote and ')' closing the application's expression", part, name, s, 1, Score.Critical);
        }
        else if (next.Kind == SqlTokenKind.Operator && c.Count > 2 && IsOperand(c[2]) && !IsMarkup(s) && s[next.Start] != '/' && ctx.Runs(2))
        {
            ctx.Add(Sql, "ES-WAF-942-BREAKOUT-OPERATOR", "quote followed by an operator and an operand", part, name, s, 2, Score.Error);
        }
        else if ((next.Word & (SqlWord.Comparison | SqlWord.Clause)) != 0 && c.Count > 2 && ctx.Runs(2))
        {
            ctx.Add(Sql, "ES-WAF-942-BREAKOUT-CLAUSE", "quote followed by an SQL clause", part, name, s, 2, Score.Error);
        }
        else if ((next.Word & SqlWord.Statement) != 0 && c.Count > 2 && ctx.Runs(2))
        {
            ctx.Add(Sql, "ES-WAF-942-BREAKOUT-KEYWORD", "quote followed by a statement keyword (ALTER, SELECT...)", part, name, s, 2, Score.Error);
        }
        else if (next.Kind == SqlTokenKind.Comma && c.Count > 2 && IsLiteral(c[2]) && ctx.Runs(2))
        {
            ctx.Add(Sql, "ES-WAF-942-BREAKOUT-LIST", "quote followed by a list of values (column-count probing)", part, name, s, 2, Score.Error);
        }
    }

    /// <summary>A logic operator joining a condition the attacker controls: "1 or 1=1", "' or 'a'='a", "' or true--".</summary>
    private static void CheckCondition(string s, List<Code> c, int i, bool broke, RequestPart part, string name, AnalysisContext ctx)
    {
        bool lhs = broke
            ? i <= 3
            : i >= 1 && i <= 3 && (c[0].Kind is SqlTokenKind.Number or SqlTokenKind.String || (c[0].Word & SqlWord.Literal) != 0);
        int j = i + 1;
        while (j < c.Count && (c[j].Kind == SqlTokenKind.LeftParen || Is(s, c[j], "not") || Is(s, c[j], "!"))) j++;
        if (j >= c.Count) return;
        bool comparison = j + 2 < c.Count && IsOperand(c[j]) && IsComparison(s, c[j + 1]) && IsOperand(c[j + 2]);
        comparison |= j + 1 < c.Count && IsOperand(c[j]) && (c[j + 1].Word & SqlWord.Comparison) != 0;
        comparison |= j + 3 < c.Count && IsOperand(c[j]) && IsComparison(s, c[j + 1]) && IsUnary(s, c[j + 2]) && IsOperand(c[j + 3]);
        bool openComparison = j + 1 < c.Count && IsOperand(c[j]) && IsComparison(s, c[j + 1]) && (j + 2 == c.Count || c[j + 2].Kind == SqlTokenKind.LeftParen);
        bool literalAlone = IsLiteral(c[j]) && (j + 1 == c.Count || c[j].CommentAfter || c[j + 1].Kind is SqlTokenKind.Semicolon or SqlTokenKind.RightParen);
        if (lhs && (comparison || (broke && literalAlone)))
        {
            ctx.Add(Sql, "ES-WAF-942-CONDITION", "boolean condition injected after a value", part, name, s.AsSpan(c[i].Start), 1, Score.Critical);
        }
        else if ((i == 0 || (i == 2 && c[1].Kind == SqlTokenKind.Operator && Is(s, c[1], "="))) && (comparison || openComparison) && ctx.Runs(2))
        {
            ctx.Add(Sql, "ES-WAF-942-CONDITION-CHAIN", "value starts with a boolean condition", part, name, s, 2, Score.Error);
        }
    }

    internal static bool StatementFollows(string s, List<Code> c, int i)
    {
        var t = c[i];
        if (Is(s, t, "select"))
        {
            for (int k = i + 1; k < c.Count && k <= i + 16; k++)
            {
                if (Is(s, c[k], "from")) return true;
            }

            if (i + 1 >= c.Count) return false;
            var n = c[i + 1];
            return n.Kind is SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable or SqlTokenKind.LeftParen
                || Is(s, n, "*") || (n.Word & (SqlWord.Literal | SqlWord.Function | SqlWord.DangerousFunction)) != 0 && At(c, i + 2, SqlTokenKind.LeftParen)
                || Is(s, n, "null") || Is(s, n, "case") || Is(s, n, "distinct") || Is(s, n, "top") || Is(s, n, "all");
        }

        if (i + 1 >= c.Count) return Is(s, t, "shutdown");
        var next = c[i + 1];
        if (Is(s, t, "insert") || Is(s, t, "replace")) return Is(s, next, "into");
        if (Is(s, t, "delete")) return Is(s, next, "from");
        if (Is(s, t, "drop") || Is(s, t, "create") || Is(s, t, "alter") || Is(s, t, "truncate") || Is(s, t, "rename"))
        {
            return IsAny(s, next, "table", "database", "view", "procedure", "function", "user", "index", "schema", "trigger", "column", "login", "system", "session", "temporary");
        }

        if (Is(s, t, "update")) return i + 2 < c.Count && Is(s, c[i + 2], "set");
        if (Is(s, t, "exec") || Is(s, t, "execute"))
        {
            var w = next.Kind == SqlTokenKind.Word ? s.AsSpan(next.Start, next.Length) : default;
            return next.Kind is SqlTokenKind.LeftParen or SqlTokenKind.Variable or SqlTokenKind.String
                || w.StartsWith("xp_") || w.StartsWith("sp_") || w.StartsWith("master") || w.SequenceEqual("immediate");
        }

        if (Is(s, t, "declare")) return next.Kind == SqlTokenKind.Variable;
        if (Is(s, t, "waitfor")) return IsAny(s, next, "delay", "time");
        if (Is(s, t, "load")) return IsAny(s, next, "data", "xml");
        if (Is(s, t, "grant") || Is(s, t, "revoke")) return IsAny(s, next, "all", "select", "insert", "update", "delete", "execute", "dba", "connect");
        if (Is(s, t, "handler") || Is(s, t, "prepare") || Is(s, t, "deallocate") || Is(s, t, "call") || Is(s, t, "merge")) return false;
        return false;
    }

    /// <summary>Where a statement can start: the value's start, after ';', '(' or a logic operator, or anywhere once out of a literal.</summary>
    private static bool StatementPosition(List<Code> c, int i, bool broke)
    {
        if (broke || i == 0) return true;
        var prev = c[i - 1];
        return prev.Kind is SqlTokenKind.Semicolon or SqlTokenKind.LeftParen or SqlTokenKind.Operator or SqlTokenKind.Comma or SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.RightParen
            || (prev.Word & SqlWord.Logic) != 0 || i <= 2;
    }

    /// <summary>HTML closes attribute quotes with '"&gt;': in markup a quote and an operator are no breakout.</summary>
    private static bool IsMarkup(string s)
    {
        int lt = s.IndexOf('<');
        return lt >= 0 && lt + 1 < s.Length && (char.IsAsciiLetter(s[lt + 1]) || s[lt + 1] == '/');
    }

    private static bool IsUnary(string s, Code t) => t.Kind == SqlTokenKind.Operator && t.Length == 1 && s[t.Start] is '!' or '-' or '~' or '+';

    internal static bool IsOperand(Code t) =>
        t.Kind is SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable
        || (t.Kind == SqlTokenKind.Word && (t.Word & (SqlWord.Statement | SqlWord.Logic | SqlWord.Clause)) == 0);

    internal static bool IsLiteral(Code t) => t.Kind is SqlTokenKind.Number or SqlTokenKind.String || (t.Word & SqlWord.Literal) != 0;

    internal static bool IsComparison(string s, Code t) =>
        (t.Kind == SqlTokenKind.Operator && s.AsSpan(t.Start, t.Length).IndexOfAny("=<>") >= 0) || (t.Word & SqlWord.Comparison) != 0;

    internal static bool At(List<Code> c, int i, SqlTokenKind kind) => i < c.Count && c[i].Kind == kind;

    private static bool NextIs(string s, List<Code> c, int i, string word)
    {
        while (i < c.Count && (Is(s, c[i], "all") || Is(s, c[i], "distinct") || c[i].Kind == SqlTokenKind.LeftParen)) i++;
        return i < c.Count && Is(s, c[i], word);
    }

    internal static bool Is(string s, Code t, string text) => t.Length == text.Length && s.AsSpan(t.Start, t.Length).SequenceEqual(text);

    internal static bool IsAny(string s, Code t, params ReadOnlySpan<string> texts)
    {
        foreach (string text in texts)
        {
            if (Is(s, t, text)) return true;
        }

        return false;
    }

    internal static ReadOnlySpan<char> Ev(string s, Code t) => s.AsSpan(Math.Max(0, t.Start - 20), Math.Min(s.Length - Math.Max(0, t.Start - 20), t.Length + 60));
}
