namespace Ensuresec.Waf.Model;

/// <summary>The analyser's answer for one request.</summary>
/// <param name="Findings">What fired, at or below the configured paranoia level and not excluded.</param>
/// <param name="Score">The anomaly score: the sum of the findings' scores.</param>
/// <param name="Threshold">The score at which a request is an attack.</param>
public sealed record WafVerdict(IReadOnlyList<WafFinding> Findings, int Score, int Threshold)
{
    /// <summary>Whether the anomaly score reaches the threshold (block mode refuses such requests).</summary>
    public bool IsAttack => Score >= Threshold;

    public static WafVerdict Clean(int threshold) => new([], 0, threshold);
}
