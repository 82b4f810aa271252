using Ensuresec.Core.Events;

namespace Ensuresec.Core.Findings;

/// <summary>Something a detector concluded from one or more events, explained in one line.</summary>
public sealed record Finding
{
    /// <summary>Unique and deterministic: the same input yields the same ids.</summary>
    public required string Id { get; init; }

    /// <summary>The detector that raised it (e.g. "credential-stuffing").</summary>
    public required string Detector { get; init; }

    /// <summary>The rule inside the detector (e.g. "ES-AUTH-002").</summary>
    public required string RuleId { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>0..1: how sure the detector is.</summary>
    public required double Confidence { get; init; }

    /// <summary>MITRE ATT&amp;CK technique id, e.g. T1110.004.</summary>
    public required string Technique { get; init; }

    /// <summary>One line a person can read: what, who, how much, against what threshold.</summary>
    public required string Explanation { get; init; }

    /// <summary>Event time of the first evidence.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>Event time at which the detector fired (the last evidence it had).</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>Actors and assets involved; the first is the main actor.</summary>
    public required IReadOnlyList<Entity> Entities { get; init; }

    /// <summary>Ids of the events that support it (capped; see <see cref="EvidenceCount"/>).</summary>
    public required IReadOnlyList<string> EvidenceEventIds { get; init; }

    /// <summary>How many events supported it in all (may exceed the ids kept).</summary>
    public int EvidenceCount { get; init; }
}
