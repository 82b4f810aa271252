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

    /// <summary>The entity roles this acts on (employee, customer, courier, card, address, ...; empty: the incident as a whole).</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>The playbook variable that receives the entity's value.</summary>
    public required string Variable { get; init; }

    public required double Weight { get; init; }
    public required bool Automatic { get; init; }
    public required string Effect { get; init; }
    public string? Recovery { get; init; }
    public string? Check { get; init; }
    public string? CheckPasses { get; init; }
    public string? RecoveryPurpose { get; init; }

    /// <summary>The playbook that confirms the mitigation took effect, run right after it (null: the connector's answer is the confirmation).</summary>
    public string? Verify { get; init; }

    /// <summary>The verify playbook's answer that means the effect is in place (e.g. "denied", "locked").</summary>
    public string? VerifyPasses { get; init; }

    /// <summary>Whether a rule id falls in one of the families (ES-COLD-* matches ES-COLD-001; an exact id matches itself).</summary>
    public bool Covers(string ruleId) => Families.Any(f => f.EndsWith('*')
        ? ruleId.StartsWith(f[..^1], StringComparison.OrdinalIgnoreCase)
        : string.Equals(f, ruleId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether this acts on an entity of the role.</summary>
    public bool ActsOn(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
