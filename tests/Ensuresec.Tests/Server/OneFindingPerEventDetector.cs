using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Tests.Server;

/// <summary>Raises one finding per event, with a deterministic id, so tests can count exactly.</summary>
internal sealed class OneFindingPerEventDetector : IDetector
{
    public string Name => "one-per-event";

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys) => keys.Add(new DetectorKey(0, e.Id));

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings) => findings.Emit(new Finding
    {
        Id = "f:" + e.Id,
        Detector = Name,
        RuleId = "ES-TEST-001",
        Severity = e.Id.StartsWith("hi", StringComparison.Ordinal) ? Severity.High : Severity.Low,
        Confidence = 1,
        Technique = "T1190",
        Explanation = "saw " + e.Id,
        FirstSeen = e.Timestamp,
        DetectedAt = e.Timestamp,
        Entities = [Entity.Ip(e.SourceIp ?? "0.0.0.0")],
        EvidenceEventIds = [e.Id],
        EvidenceCount = 1,
    });

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
    }
}
