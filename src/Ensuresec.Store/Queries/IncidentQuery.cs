using Ensuresec.Core.Events;

namespace Ensuresec.Store.Queries;

/// <summary>
/// Filters for incidents; null means "any". An incident matches a time range when its span
/// [first_seen, last_seen] overlaps it. Ordered by first_seen then id (first_seen does not move when an incident grows).
/// </summary>
public sealed record IncidentQuery
{
    public Severity? MinSeverity { get; init; }

    /// <summary>An entity value or kind=value, matched exactly.</summary>
    public string? Entity { get; init; }

    /// <summary>last_seen at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>first_seen strictly before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    public int Limit { get; init; } = Paging.DefaultLimit;

    public long Offset { get; init; }
}
