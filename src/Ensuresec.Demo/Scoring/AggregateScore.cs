namespace Ensuresec.Demo.Scoring;

/// <summary>The scorecard over several seeds.</summary>
public sealed record AggregateScore
{
    /// <summary>The seeds, in the order run.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>One line per attack kind, in kind order.</summary>
    public required IReadOnlyList<KindSummary> Kinds { get; init; }

    public required double BenignFindingsPerSeed { get; init; }

    public required int BenignFindingsMax { get; init; }

    /// <summary>Incidents made only of benign findings, summed over the seeds.</summary>
    public int BenignIncidents { get; init; }

    /// <summary>Benign findings per detector, all seeds together, sorted by detector name.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> BenignByDetector { get; init; }

    /// <summary>The per-seed scorecards.</summary>
    public required IReadOnlyList<ScenarioScore> Scores { get; init; }
}
