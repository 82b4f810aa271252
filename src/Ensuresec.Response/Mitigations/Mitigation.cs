using Ensuresec.Core.Findings;

namespace Ensuresec.Response.Mitigations;

/// <summary>A suggested mitigation for an incident: what to run on which entity, why, and what it will change.</summary>
public sealed record Mitigation
{
    /// <summary>Deterministic: the same incident, mitigation and entity give the same id.</summary>
    public required string Id { get; init; }
    public required string IncidentId { get; init; }
    public required string EntryId { get; init; }
    public required string Title { get; init; }
    public required string Playbook { get; init; }
    public Entity? Target { get; init; }

    /// <summary>The target's role in the incident (employee, customer, courier, card, address, ...).</summary>
    public string? TargetRole { get; init; }
    public required double Score { get; init; }
    public required string Reason { get; init; }
    public required string ExpectedEffect { get; init; }

    /// <summary>The library allows it to run without an analyst (the policy must allow it too).</summary>
    public required bool Automatic { get; init; }

    /// <summary>Variables the playbook runs with (__incident__ and the entity's variable).</summary>
    public required IReadOnlyDictionary<string, string> Inputs { get; init; }

    public bool HasRecovery { get; init; }
}
