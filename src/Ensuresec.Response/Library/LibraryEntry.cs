namespace Ensuresec.Response.Library;

/// <summary>
/// One mitigation of the shipped library: the playbook that carries it out, the finding families it answers
/// (rule-id prefixes like ES-COLD-*), the entity it acts on, and how to recover and check afterwards.
/// </summary>
public sealed record LibraryEntry
{
    public required string Id { get; init; }
    public required string Playbook { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Families { get; init; }

    /// <summary>Substrings of the entity kind this acts on (empty: acts on the incident as a whole).</summary>
    public required IReadOnlyList<string> Entity { get; init; }

    /// <summary>The playbook variable that receives the entity's value.</summary>
    public required string Variable { get; init; }

    public required double Weight { get; init; }
    public required bool Automatic { get; init; }
    public required string Effect { get; init; }
    public string? Recovery { get; init; }
    public string? Check { get; init; }
    public string? CheckPasses { get; init; }
    public string? RecoveryPurpose { get; init; }

    /// <summary>Whether a rule id falls in one of the families (ES-COLD-* matches ES-COLD-001; an exact id matches itself).</summary>
    public bool Covers(string ruleId) => Families.Any(f => f.EndsWith('*')
        ? ruleId.StartsWith(f[..^1], StringComparison.OrdinalIgnoreCase)
        : string.Equals(f, ruleId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the entity kind is one this acts on.</summary>
    public bool ActsOn(string kind) => Entity.Any(e => kind.Contains(e, StringComparison.OrdinalIgnoreCase));
}
