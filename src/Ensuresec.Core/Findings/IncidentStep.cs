using Ensuresec.Core.Events;

namespace Ensuresec.Core.Findings;

/// <summary>One step of an incident's story: a finding, in event-time order.</summary>
public sealed record IncidentStep(DateTimeOffset At, string FindingId, string RuleId, string Technique, Severity Severity, string Explanation);
