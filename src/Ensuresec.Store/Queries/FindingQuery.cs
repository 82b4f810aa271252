using Ensuresec.Core.Events;

namespace Ensuresec.Store.Queries;

/// <summary>
/// Filters for findings; null means "any". Results are ordered by detected_at then id, oldest first, so that
/// offset paging stays stable while new findings arrive at the end.
/// </summary>
public sealed record FindingQuery
{
    public Severity? MinSeverity { get; init; }

    public string? RuleId { get; init; }

    public string? Detector { get; init; }

    /// <summary>An entity value ("203.0.113.9") or kind=value ("source.ip=203.0.113.9"), matched exactly.</summary>
    public string? Entity { get; init; }

    /// <summary>detected_at at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>detected_at strictly before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Page size, clamped to 1..<see cref="Paging.MaxLimit"/>.</summary>
    public int Limit { get; init; } = Paging.DefaultLimit;

    public long Offset { get; init; }
}
