using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Scoring;

/// <summary>One attack kind over several seeds.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Attacks">Attacks of this kind (one per seed).</param>
/// <param name="Detected">How many were detected.</param>
/// <param name="SlowAttacks">How many ran the low-and-slow variant.</param>
/// <param name="SlowDetected">How many of those were detected.</param>
/// <param name="MedianTimeToDetect">Median over the detected ones; null if none.</param>
/// <param name="P90TimeToDetect">90th percentile (nearest rank) over the detected ones; null if none.</param>
public sealed record KindSummary(AttackKind Kind, int Attacks, int Detected, int SlowAttacks, int SlowDetected, TimeSpan? MedianTimeToDetect, TimeSpan? P90TimeToDetect)
{
    /// <summary>Detected / attacks; 0 when there were none.</summary>
    public double DetectionRate => Attacks == 0 ? 0 : (double)Detected / Attacks;
}
