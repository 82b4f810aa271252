using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Tests.Demo;

/// <summary>A toy detector for the runner tests: one finding per address at its 50th 404.</summary>
internal sealed class NotFoundBurstDetector : IDetector
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public string Name => "toy-404";

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.StatusCode == 404 && e.SourceIp is not null) keys.Add(new DetectorKey(0, e.SourceIp));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        int n = _counts[key.Value] = _counts.GetValueOrDefault(key.Value) + 1;
        if (n != 50) return;
        findings.Emit(new Finding
        {
            Id = $"toy-{key.Value}",
            Detector = Name,
            RuleId = "TOY-1",
            Severity = Severity.Low,
            Confidence = 0.5,
            Technique = "T1595",
            Explanation = $"{key.Value}: 50 not-found answers",
            FirstSeen = e.Timestamp,
            DetectedAt = e.Timestamp,
            Entities = [Entity.Ip(key.Value)],
            EvidenceEventIds = [e.Id],
        });
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
    }
}
