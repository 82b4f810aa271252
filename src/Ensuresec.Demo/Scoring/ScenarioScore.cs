namespace Ensuresec.Demo.Scoring;

/// <summary>The scorecard of one seed: each attack, and the findings raised on benign traffic.</summary>
public sealed record ScenarioScore
{
    public required int Seed { get; init; }

    public required IReadOnlyList<AttackScore> Attacks { get; init; }

    /// <summary>All findings evaluated.</summary>
    public required int TotalFindings { get; init; }

    /// <summary>Findings that matched no attack (false positives, by the scenario's ground truth).</summary>
    public required int BenignFindings { get; init; }

    /// <summary>Benign findings per detector, sorted by detector name.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> BenignByDetector { get; init; }

    /// <summary>Incidents (findings correlated with the default correlator settings) made only of benign findings: false incidents.</summary>
    public int BenignIncidents { get; init; }

    /// <summary>All incidents the findings correlate into.</summary>
    public int TotalIncidents { get; init; }

    /// <summary>Incidents holding findings of two or more attacks (distinct attacks merged, or one leading to the next).</summary>
    public int SharedIncidents { get; init; }

    /// <summary>Up to ten benign findings' explanations, to see what fires on benign traffic.</summary>
    public required IReadOnlyList<string> BenignExamples { get; init; }
}
