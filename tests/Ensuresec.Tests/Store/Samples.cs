using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Store;

namespace Ensuresec.Tests.Store;

/// <summary>Findings, incidents and events for store and server tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static Finding Finding(string id, Severity severity = Severity.High, string rule = "ES-TEST-001", int minute = 0, string ip = "203.0.113.9", string detector = "test") => new()
    {
        Id = id,
        Detector = detector,
        RuleId = rule,
        Severity = severity,
        Confidence = 0.75,
        Technique = "T1110.004",
        Explanation = $"finding {id} for {ip}",
        FirstSeen = T0.AddMinutes(minute),
        DetectedAt = T0.AddMinutes(minute).AddSeconds(30),
        Entities = [Entity.Ip(ip), Entity.User("alice")],
        EvidenceEventIds = ["e1", "e2"],
        EvidenceCount = 7,
    };

    public static Incident Incident(string id, Finding f, Severity severity = Severity.Critical) => new()
    {
        Id = id,
        Title = "campaign against " + f.Entities[0].Value,
        Severity = severity,
        FirstSeen = f.FirstSeen,
        LastSeen = f.DetectedAt,
        Entities = f.Entities,
        FindingIds = [f.Id],
        Techniques = [f.Technique],
        Story = [new IncidentStep(f.DetectedAt, f.Id, f.RuleId, f.Technique, f.Severity, f.Explanation)],
    };

    public static EventRecord Event(string id, int second = 0) =>
        new(id, T0.AddSeconds(second), "{\"@timestamp\":\"" + T0.AddSeconds(second).ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "\",\"event\":{\"id\":\"" + id + "\"}}");
}
