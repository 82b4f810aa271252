namespace Ensuresec.Demo.Scenario;

/// <summary>One attack of the scenario as it really happened: its window, its actors and the parameters drawn.</summary>
public sealed record AttackTruth
{
    /// <summary>Stable within a seed, e.g. "A2-credential-stuffing".</summary>
    public required string Id { get; init; }

    public required AttackKind Kind { get; init; }

    /// <summary>True if the low-and-slow variant was drawn.</summary>
    public required bool Slow { get; init; }

    /// <summary>Time of the attack's first event.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Time of the attack's last event.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Addresses the attack came from (each appears in the events).</summary>
    public required IReadOnlyList<string> Addresses { get; init; }

    /// <summary>Accounts the attack tried, took over or used (each appears in the events).</summary>
    public required IReadOnlyList<string> Accounts { get; init; }

    /// <summary>Card fingerprints the attack used.</summary>
    public required IReadOnlyList<string> Cards { get; init; }

    /// <summary>The url.path the attack targets, for a flood only (other attacks leave it null so a path cannot match everything).</summary>
    public string? TargetPath { get; init; }

    /// <summary>Physical assets the attack touched (a van, a shipment, a parcel, an ATM), as finding entities name them.</summary>
    public IReadOnlyList<Ensuresec.Core.Findings.Entity> Assets { get; init; } = [];

    /// <summary>
    /// The rule family meant to catch it, as a rule-id prefix (e.g. "ES-INS-", the insider-fraud rules), or null
    /// for any rule. When set, only a finding of that family counts as detecting it; other findings naming its
    /// actors are still attributed to it (never to benign traffic) but do not make it detected.
    /// </summary>
    public string? ExpectedRules { get; init; }

    /// <summary>Events the attack produced.</summary>
    public required int EventCount { get; init; }

    /// <summary>The drawn parameters, name to value, in a stable order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    /// <summary>The drawn parameters on one line.</summary>
    public string ParameterSummary => string.Join(", ", Parameters.Select(p => $"{p.Key} {p.Value}"));
}
