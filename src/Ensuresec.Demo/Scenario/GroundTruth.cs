namespace Ensuresec.Demo.Scenario;

/// <summary>What really happened in a generated scenario: the attacks and the hard benign cases.</summary>
public sealed record GroundTruth
{
    public required int Seed { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>The attacks, in <see cref="AttackKind"/> order (the takeover follows the stuffing it uses).</summary>
    public required IReadOnlyList<AttackTruth> Attacks { get; init; }

    public required BenignCases Benign { get; init; }
}
