using Ensuresec.Core.Events;

namespace Ensuresec.Core.Findings;

/// <summary>Findings joined by a shared actor or asset within a time window; its severity grows with the campaign.</summary>
public sealed record Incident
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Severity Severity { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public required IReadOnlyList<Entity> Entities { get; init; }
    public required IReadOnlyList<string> FindingIds { get; init; }
    public required IReadOnlyList<string> Techniques { get; init; }

    /// <summary>The findings in event-time order, each with its one-line explanation.</summary>
    public required IReadOnlyList<IncidentStep> Story { get; init; }
}
