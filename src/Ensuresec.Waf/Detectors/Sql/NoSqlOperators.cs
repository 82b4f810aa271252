using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Detectors.Sql;

/// <summary>
/// MongoDB query operators smuggled in through argument names: "password[$ne]=x" makes PHP and Express parse the
/// argument as {"$ne": "x"}, turning an equality test into "not equal" (login bypass). Also "$where" and the
/// other operators as JSON keys (the JSON reader names them "user.$ne"). Reported as SQL injection, the class the
/// CRS gives it (query injection into the database).
/// </summary>
internal static class NoSqlOperators
{
    private static readonly HashSet<string> Operators =
    [
        "ne", "eq", "gt", "gte", "lt", "lte", "in", "nin", "regex", "where", "exists", "expr", "or", "and", "nor", "not",
        "elemmatch", "size", "type", "mod", "all", "text", "function", "jsonschema",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Operators.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Inspect(in RequestInput input, string lower, AnalysisContext ctx)
    {
        for (int at = lower.IndexOf('$'); at >= 0; at = lower.IndexOf('$', at + 1))
        {
            char before = at == 0 ? '\0' : lower[at - 1];
            if (before is not ('[' or '.' or '\0' or '"' or '{')) continue;
            int end = at + 1;
            while (end < lower.Length && char.IsAsciiLetter(lower[end])) end++;
            char after = end < lower.Length ? lower[end] : '\0';
            bool closed = before switch { '[' => after == ']', '"' => after == '"', _ => after is '\0' or '.' or '[' or '"' or ':' };
            if (closed && Lookup.Contains(lower.AsSpan(at + 1, end - at - 1)))
            {
                ctx.Add(AttackClass.SqlInjection, "ES-WAF-942-NOSQL-OPERATOR", "MongoDB query operator in a request field", input.Part, input.Name, KeywordScanner.Around(lower, at, end - at + 1), 1, Score.Critical);
                return;
            }
        }
    }
}
