using Ensuresec.Assessment.Model;

namespace Ensuresec.Assessment.Threats;

/// <summary>
/// A catalogue threat applied to one element (and, for threats whose effect lands on the next assets, one
/// target). Mitigated when a control that stops it is in place on the element or the target.
/// </summary>
public sealed record ThreatInstance(
    ThreatDefinition Threat,
    Element Element,
    Element Target,
    double Likelihood,
    bool KnownWeakness,
    IReadOnlyList<string> MitigatedBy)
{
    public bool Mitigated => MitigatedBy.Count > 0;

    /// <summary>The controls that would stop it (for recommendations), including any the weakness entry lists.</summary>
    public IReadOnlyList<string> StoppedBy { get; init; } = Threat.StoppedBy;
}
