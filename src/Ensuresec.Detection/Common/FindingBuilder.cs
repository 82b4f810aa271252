using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Detection.Common;

/// <summary>The one way detectors make a finding from their evidence, so ids, times and evidence are filled alike.</summary>
internal static class FindingBuilder
{
    /// <param name="key">The state key that fired (an address, an account, a path); part of the deterministic id.</param>
    /// <param name="firing">How many times that key fired the rule, so re-firings get new ids.</param>
    /// <param name="detectedAt">When the detector concluded; the last evidence by default.</param>
    /// <param name="evidenceCount">How many events supported it, when more than the evidence counted (rates).</param>
    public static Finding Create(
        string detector, string rule, string technique, Severity severity, double confidence, string key, string explanation,
        Evidence evidence, int firing, IReadOnlyList<Entity> entities, DateTimeOffset? detectedAt = null, long? evidenceCount = null) => new()
    {
        Id = FindingIds.Compute(detector, rule, key, evidence.FirstId, firing),
        Detector = detector,
        RuleId = rule,
        Severity = severity,
        Confidence = confidence,
        Technique = technique,
        Explanation = explanation,
        FirstSeen = evidence.FirstSeen,
        DetectedAt = detectedAt ?? evidence.LastSeen,
        Entities = entities,
        EvidenceEventIds = [.. evidence.Ids],
        EvidenceCount = (int)Math.Min(int.MaxValue, Math.Max(evidenceCount ?? 0, evidence.Count)),
    };
}
