namespace Ensuresec.Waf.Sigma;

/// <summary>Sigma's wildcards: '*' any run, '?' one character, '\*' '\?' '\\' literal. Linear-time matching (no backtracking blow-up).</summary>
internal static class Wildcard
{
    public static Func<string, bool> Compile(string pattern, StringComparison comparison)
    {
        var tokens = new List<(bool Star, bool Any, char C)>();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '?' or '\\')
            {
                tokens.Add((false, false, pattern[++i]));
            }
            else if (c == '*')
            {
                if (tokens.Count == 0 || !tokens[^1].Star) tokens.Add((true, false, '\0'));
            }
            else if (c == '?') tokens.Add((false, true, '\0'));
            else tokens.Add((false, false, c));
        }

        bool ignoreCase = comparison == StringComparison.OrdinalIgnoreCase;
        var compiled = tokens.ToArray();
        if (compiled.All(t => !t.Star && !t.Any))
        {
            string literal = new(compiled.Select(t => t.C).ToArray());
            return v => string.Equals(v, literal, comparison);
        }

        if (compiled.Length >= 2 && compiled[0].Star && compiled[^1].Star && compiled[1..^1].All(t => !t.Star && !t.Any))
        {
            string inner = new(compiled[1..^1].Select(t => t.C).ToArray());
            return v => v.Contains(inner, comparison);
        }

        return v => Match(compiled, v, ignoreCase);
    }

    /// <summary>Greedy matching with one remembered star: O(n·m) at worst, never exponential.</summary>
    private static bool Match((bool Star, bool Any, char C)[] p, string s, bool ignoreCase)
    {
        int pi = 0, si = 0, starP = -1, starS = 0;
        while (si < s.Length)
        {
            if (pi < p.Length && !p[pi].Star && (p[pi].Any || Same(p[pi].C, s[si], ignoreCase)))
            {
                pi++;
                si++;
            }
            else if (pi < p.Length && p[pi].Star)
            {
                starP = pi++;
                starS = si;
            }
            else if (starP >= 0)
            {
                pi = starP + 1;
                si = ++starS;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi].Star) pi++;
        return pi == p.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) => a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
