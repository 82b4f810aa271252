using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Exclusions;

/// <summary>One exclusion: findings on paths starting with <see cref="PathPrefix"/>, in the named argument, of the class or rule, are dropped.</summary>
public sealed record ExclusionRule
{
    /// <summary>Where the rule came from (file:line), for reports.</summary>
    public string Origin { get; init; } = string.Empty;

    public string? PathPrefix { get; init; }

    /// <summary>Argument, header or field name; "billing[*" style prefixes end in '*'. Null: any.</summary>
    public string? Argument { get; init; }

    public AttackClass? Class { get; init; }

    public string? RuleId { get; init; }

    public bool Matches(string path, RequestPart part, string name, AttackClass attack, string ruleId)
    {
        if (PathPrefix is not null && !path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (Class is { } c && c != attack) return false;
        if (RuleId is not null && !string.Equals(RuleId, ruleId, StringComparison.OrdinalIgnoreCase)) return false;
        if (Argument is null) return true;
        if (part is RequestPart.Path or RequestPart.RequestLine or RequestPart.Method) return false;
        return Argument.EndsWith('*')
            ? name.StartsWith(Argument.AsSpan(0, Argument.Length - 1), StringComparison.OrdinalIgnoreCase)
            : string.Equals(Argument, name, StringComparison.OrdinalIgnoreCase);
    }
}
