using System.Globalization;

namespace Ensuresec.Response.Execution;

/// <summary>
/// Conditions of if/while steps. CACAO leaves the language open (STIX patterning is its example); this evaluates
/// comparisons after variable substitution: <c>a == b</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>,
/// <c>&gt;=</c> (numbers when both sides are numbers), <c>true</c>/<c>false</c>, joined by AND or OR (AND binds
/// tighter; no parentheses). A STIX-style <c>[a = 'b']</c> is read as <c>a == 'b'</c>.
/// </summary>
internal static class Conditions
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">", "="];

    public static (bool Value, string? Error) Evaluate(string condition, IReadOnlyDictionary<string, string> variables)
    {
        string text = Variables.Substitute(condition, variables).Trim();
        if (text.StartsWith('[') && text.EndsWith(']')) text = text[1..^1].Trim();
        bool any = false;
        foreach (string disjunct in text.Split(" OR ", StringSplitOptions.TrimEntries))
        {
            bool all = true;
            foreach (string term in disjunct.Split(" AND ", StringSplitOptions.TrimEntries))
            {
                var (value, error) = Term(term);
                if (error is not null) return (false, $"condition '{condition}': {error}");
                all &= value;
            }

            any |= all;
        }

        return (any, null);
    }

    private static (bool, string?) Term(string term)
    {
        if (term.Equals("true", StringComparison.OrdinalIgnoreCase)) return (true, null);
        if (term.Equals("false", StringComparison.OrdinalIgnoreCase)) return (false, null);
        foreach (string op in Operators)
        {
            int at = IndexOutsideQuotes(term, op);
            if (at <= 0) continue;
            string left = Unquote(term[..at].Trim()), right = Unquote(term[(at + op.Length)..].Trim());
            int c = double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out double l) && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out double r)
                ? l.CompareTo(r)
                : string.CompareOrdinal(left, right);
            return (op switch
            {
                "==" or "=" => c == 0,
                "!=" => c != 0,
                "<=" => c <= 0,
                ">=" => c >= 0,
                "<" => c < 0,
                _ => c > 0,
            }, null);
        }

        return (false, $"cannot evaluate '{term}' (expected true, false or a comparison such as a == 'b')");
    }

    private static int IndexOutsideQuotes(string text, string op)
    {
        char quote = '\0';
        for (int i = 0; i + op.Length <= text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                continue;
            }

            if (c is '\'' or '"') quote = c;
            else if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0) return i;
        }

        return -1;
    }

    private static string Unquote(string s) => s.Length >= 2 && (s[0] == '\'' || s[0] == '"') && s[^1] == s[0] ? s[1..^1] : s;
}
