using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Scoring;

/// <summary>How the detectors did on one attack.</summary>
/// <param name="Attack">The attack as it happened.</param>
/// <param name="Detected">At least one finding matched it (of its expected rules, when it names them).</param>
/// <param name="TimeToDetect">First detecting finding's DetectedAt minus the attack's start; null if missed.</param>
/// <param name="MatchingFindings">Findings that matched it (attributed to it, whatever their rule).</param>
/// <param name="Detectors">Detectors whose findings matched it, sorted.</param>
public sealed record AttackScore(AttackTruth Attack, bool Detected, TimeSpan? TimeToDetect, int MatchingFindings, IReadOnlyList<string> Detectors)
{
    /// <summary>The top mitigations suggested for the incident holding most of its findings, best first (each title names its target).</summary>
    public IReadOnlyList<string> Mitigations { get; init; } = [];

    /// <summary>How many incidents its matching findings fall into: 1 when the correlator grouped the whole attack (0 when missed).</summary>
    public int Incidents { get; init; }
}
