using Ensuresec.Response.Execution;

namespace Ensuresec.Response.History;

/// <summary>What a run was for.</summary>
public enum RunKind
{
    /// <summary>A mitigation, accepted by an analyst or run by the policy.</summary>
    Response,

    /// <summary>Steps that undo the attack's effects.</summary>
    Recovery,

    /// <summary>The check after a recovery that the effect is gone.</summary>
    Check,
}

/// <summary>One recorded playbook run in an incident's history, with each action's result.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }
    public required string IncidentId { get; init; }
    public required string MitigationId { get; init; }
    public required string Playbook { get; init; }
    public required RunKind Kind { get; init; }

    /// <summary>Who started it: "analyst:NAME", "policy" or "cli".</summary>
    public required string StartedBy { get; init; }

    public required DateTimeOffset Started { get; init; }
    public required DateTimeOffset Finished { get; init; }
    public required bool Succeeded { get; init; }
    public string? Error { get; init; }

    /// <summary>For checks: whether the attack's effect is gone.</summary>
    public bool? EffectGone { get; init; }

    /// <summary>For mitigations with a verify check: whether the expected effect was confirmed right after the action.</summary>
    public bool? EffectInPlace { get; init; }

    /// <summary>What the run was meant to achieve (the mitigation's expected effect, the recovery's purpose, the check's pass).</summary>
    public string? ExpectedEffect { get; init; }

    public required IReadOnlyList<StepResult> Steps { get; init; }
}
