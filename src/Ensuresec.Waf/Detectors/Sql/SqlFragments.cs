using Ensuresec.Waf.Model;
using static Ensuresec.Waf.Detectors.Sql.SqlInjectionDetector;

namespace Ensuresec.Waf.Detectors.Sql;

/// <summary>
/// Level-2 rules on a value read as an SQL fragment (not starting inside a literal): the pieces an attacker appends
/// to the application's WHERE clause when the value is pasted in without quotes. Each needs SQL grammar around the
/// keyword (a literal list after IN, a literal after LIKE, a number compared with a number), so English text that
/// merely uses the words ("like new", "made in Italy") stays clean.
/// </summary>
internal static class SqlFragments
{
    private const AttackClass Sql = AttackClass.SqlInjection;

    public static void Check(string s, List<Code> c, RequestPart part, string name, AnalysisContext ctx)
    {
        if (c.Count == 0) return;
        if (QuotesOnly(s))
        {
            ctx.Add(Sql, "ES-WAF-942-QUOTE-PROBE", "a value of quotes only (the first probe of SQL injection)", part, name, s, 2, Score.Error);
            return;
        }

        CheckStart(s, c, part, name, ctx);
        for (int i = 0; i < c.Count; i++)
        {
            var t = c[i];
            if (t.Kind == SqlTokenKind.Word && IsAny(s, t, "in", "values") && At(c, i + 1, SqlTokenKind.LeftParen) && LiteralList(c, i + 2) && (i == 0 || IsOperand(c[i - 1]) || c[i - 1].Kind == SqlTokenKind.RightParen))
            {
                ctx.Add(Sql, "ES-WAF-942-LIST", "IN or VALUES with a list of literals", part, name, Ev(s, t), 2, Score.Error);
            }
            else if (t.Kind == SqlTokenKind.LeftParen && At(c, i + 1, SqlTokenKind.Word) && Is(s, c[i + 1], "select") && (i + 2 == c.Count || StatementFollows(s, c, i + 1)))
            {
                ctx.Add(Sql, "ES-WAF-942-SUBQUERY", "parenthesised SELECT (a subquery)", part, name, Ev(s, t), 2, Score.Error);
            }
            else if (IsAny(s, t, "drop", "alter", "truncate", "create") && (i == 0 || c[i - 1].Kind == SqlTokenKind.Semicolon) && i + 1 < c.Count && c[i + 1].Kind == SqlTokenKind.Word
                && (c[i + 1].CommentAfter || (i + 2 < c.Count && c[i + 2].Kind == SqlTokenKind.Semicolon)))
            {
                ctx.Add(Sql, "ES-WAF-942-DDL", "DROP/ALTER/TRUNCATE of a named object ended by ';' or a comment", part, name, Ev(s, t), 2, Score.Error);
            }
            else if (Is(s, t, "procedure") && i + 1 < c.Count && IsAny(s, c[i + 1], "analyse", "analyze"))
            {
                ctx.Add(Sql, "ES-WAF-942-PROCEDURE-ANALYSE", "MySQL PROCEDURE ANALYSE (column enumeration)", part, name, Ev(s, t), 2, Score.Error);
            }
            else if (Is(s, t, "select") && i + 1 < c.Count && (c[i + 1].Word & SqlWord.DangerousFunction) != 0)
            {
                ctx.Add(Sql, "ES-WAF-942-SELECT-FUNCTION", "SELECT of a time-delay, file or error function", part, name, Ev(s, t), 2, Score.Error);
            }
            else if (t.Kind == SqlTokenKind.Number && (i == 0 || c[i - 1].Kind == SqlTokenKind.Comma) && i + 2 < c.Count && IsComparison(s, c[i + 1]) && c[i + 1].Kind == SqlTokenKind.Operator
                && c[i + 2].Kind == SqlTokenKind.Number && (i + 3 == c.Count || c[i + 3].Kind is SqlTokenKind.Comma or SqlTokenKind.Semicolon || c[i + 2].CommentAfter))
            {
                ctx.Add(Sql, "ES-WAF-942-TAUTOLOGY", "a number compared with a number (always true or false)", part, name, Ev(s, t), 2, Score.Error);
            }
        }
    }

    /// <summary>How the value begins: a comparison, ')' or EXECUTE continuing the application's statement, or a quoted literal compared with another.</summary>
    private static void CheckStart(string s, List<Code> c, RequestPart part, string name, AnalysisContext ctx)
    {
        var first = c[0];
        if (c.Count >= 2 && (first.Word & SqlWord.Comparison) != 0 && !Is(s, first, "in") && !Is(s, first, "match") && IsLiteral(c[1]) && (c.Count == 2 || c[1].CommentAfter || c[2].Kind is SqlTokenKind.Semicolon or SqlTokenKind.RightParen || (c[2].Word & SqlWord.Logic) != 0))
        {
            ctx.Add(Sql, "ES-WAF-942-CONDITION-TAIL", "value starts with a comparison and a literal (IS NULL, LIKE '...')", part, name, s, 2, Score.Error);
        }
        else if (first.Kind == SqlTokenKind.RightParen && c.Count >= 3 && (c[1].Word & (SqlWord.Logic | SqlWord.Comparison | SqlWord.Clause)) != 0)
        {
            ctx.Add(Sql, "ES-WAF-942-CLOSE-PAREN", "value closes a parenthesis and continues the expression", part, name, s, 2, Score.Error);
        }
        else if (IsAny(s, first, "exec", "execute") && c.Count >= 2 && c[1].Kind == SqlTokenKind.Word && c[1].Word == SqlWord.None
            && (c.Count == 2 || Is(s, c[2], "using") || c[2].Kind == SqlTokenKind.Semicolon || c[1].CommentAfter))
        {
            ctx.Add(Sql, "ES-WAF-942-EXECUTE", "EXECUTE of a prepared statement or procedure", part, name, s, 2, Score.Error);
        }
        else if (first.Kind == SqlTokenKind.String && first.Closed && c.Count >= 3 && IsComparison(s, c[1]) && c[1].Kind == SqlTokenKind.Operator && c[2].Kind is SqlTokenKind.String or SqlTokenKind.Number)
        {
            ctx.Add(Sql, "ES-WAF-942-LITERAL-COMPARISON", "quoted literal compared with another literal ('a'='a')", part, name, s, 2, Score.Error);
        }
        else if (first.Kind == SqlTokenKind.String && first.Closed && c.Count >= 3 && c[1].Kind == SqlTokenKind.Comma && IsLiteral(c[2]) && LiteralList(c, 0) && HasNumberOrNull(s, c))
        {
            ctx.Add(Sql, "ES-WAF-942-LITERAL-LIST", "a list of quoted literals and numbers (the columns of an injected UNION)", part, name, s, 2, Score.Error);
        }

        // "3 or ", "7 and(": a condition left open after a number, for the application's query to complete.
        if (c.Count >= 2 && (c[^1].Word & SqlWord.Logic) != 0 && !Is(s, c[^1], "not") && c[^2].Kind == SqlTokenKind.Number)
        {
            ctx.Add(Sql, "ES-WAF-942-DANGLING-LOGIC", "number followed by an open OR/AND", part, name, s, 2, Score.Error);
        }
        else if (c.Count >= 3 && c[^1].Kind == SqlTokenKind.LeftParen && (c[^2].Word & SqlWord.Logic) != 0 && c[^3].Kind == SqlTokenKind.Number)
        {
            ctx.Add(Sql, "ES-WAF-942-DANGLING-LOGIC", "number followed by an open OR/AND", part, name, s, 2, Score.Error);
        }

        // "name LIKE '" or "x = '" at the end: an unclosed literal opened after a comparison, the first half of a breakout.
        var last = c[^1];
        if (c.Count >= 2 && last.Kind == SqlTokenKind.String && !last.Closed && last.Length <= 2 && (c[^2].Word & SqlWord.Comparison) != 0)
        {
            ctx.Add(Sql, "ES-WAF-942-OPEN-LITERAL", "comparison followed by an unclosed quote", part, name, s, 2, Score.Error);
        }
    }

    /// <summary>Two to four quote characters and nothing else: "'", "''", "\"'", "`'".</summary>
    private static bool QuotesOnly(string s)
    {
        var t = s.AsSpan().Trim();
        return t.Length is >= 2 and <= 4 && !t.ContainsAnyExcept("'\"`");
    }

    private static bool HasNumberOrNull(string s, List<Code> c)
    {
        foreach (var t in c)
        {
            if (t.Kind == SqlTokenKind.Number || Is(s, t, "null")) return true;
        }

        return false;
    }

    /// <summary>")" or the end right away, or literals separated by commas up to ")" or the end.</summary>
    private static bool LiteralList(List<Code> c, int i)
    {
        if (i >= c.Count) return true;
        int literals = 0;
        bool expectLiteral = true;
        for (; i < c.Count; i++)
        {
            var t = c[i];
            if (t.Kind == SqlTokenKind.RightParen) return literals > 0 && !expectLiteral;
            if (expectLiteral)
            {
                if (t.Kind == SqlTokenKind.Operator && t.Length == 1 && i + 1 < c.Count) continue; // a sign: -1
                if (!IsLiteral(t)) return false;
                literals++;
                expectLiteral = false;
            }
            else if (t.Kind == SqlTokenKind.Comma)
            {
                expectLiteral = true;
            }
            else
            {
                return false;
            }
        }

        return literals > 0;
    }
}
