namespace Ensuresec.Integrity.Pages;

/// <summary>
/// A Content-Security-Policy as directives and their sources, and the ways a new policy is weaker than an old one:
/// the policy gone or only reported, a protective directive dropped, a new source or a wildcard / unsafe keyword
/// in a directive that governs scripts, connections or form targets.
/// </summary>
internal static class CspPolicy
{
    private static readonly string[] Guarded = ["default-src", "script-src", "script-src-elem", "script-src-attr", "connect-src", "form-action", "object-src", "base-uri", "frame-ancestors", "frame-src", "img-src"];
    private static readonly string[] Loose = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:", "https:", "http:", "'wasm-unsafe-eval'"];

    public static Dictionary<string, HashSet<string>> Parse(string? policy)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(policy)) return map;
        // several policies (header repeated) are joined with ','; each one applies, so directives are merged
        foreach (string part in policy.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tokens = part.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0) continue;
            string name = tokens[0].ToLowerInvariant();
            if (!map.TryGetValue(name, out var set)) map[name] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string t in tokens.Skip(1)) set.Add(t);
        }

        return map;
    }

    public static List<string> Weakenings(string? before, bool beforeReportOnly, string? after, bool afterReportOnly)
    {
        var reasons = new List<string>();
        if (string.IsNullOrWhiteSpace(before)) return reasons;
        if (string.IsNullOrWhiteSpace(after)) { reasons.Add("the Content-Security-Policy was removed"); return reasons; }
        if (!beforeReportOnly && afterReportOnly) reasons.Add("the policy is now report-only (no longer enforced)");
        var old = Parse(before);
        var now = Parse(after);
        foreach (string d in Guarded)
        {
            if (!old.TryGetValue(d, out var was)) continue;
            if (!now.TryGetValue(d, out var isNow))
            {
                reasons.Add($"{d} was removed");
                continue;
            }

            foreach (string source in isNow.Except(was, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
            {
                if (source.StartsWith("'nonce-", StringComparison.OrdinalIgnoreCase)) continue; // nonces change on every response
                reasons.Add(Loose.Contains(source, StringComparer.OrdinalIgnoreCase) ? $"{d} now allows {source}" : $"{d} gained the source {source}");
            }
        }

        return reasons;
    }
}
