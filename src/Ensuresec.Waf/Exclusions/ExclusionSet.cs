using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Exclusions;

/// <summary>
/// Per-site exclusions: a rule says which findings to drop on which paths: by path prefix, by argument name
/// (exact, or a prefix ending in '*'), by attack class and by rule id; an omitted criterion matches anything.
/// </summary>
public sealed class ExclusionSet
{
    private readonly IReadOnlyList<ExclusionRule> _rules;

    public ExclusionSet(IReadOnlyList<ExclusionRule> rules) => _rules = rules;

    public static ExclusionSet Empty { get; } = new([]);

    public IReadOnlyList<ExclusionRule> Rules => _rules;

    public bool IsEmpty => _rules.Count == 0;

    public bool Excludes(string path, RequestPart part, string name, AttackClass attack, string ruleId)
    {
        foreach (var r in _rules)
        {
            if (r.Matches(path, part, name, attack, ruleId)) return true;
        }

        return false;
    }
}
