using System.Collections.Concurrent;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Tests.Pipeline;

/// <summary>Counts events per source address and fires once a key reaches a threshold; records which instance saw which key.</summary>
internal sealed class CountingDetector(int threshold, ConcurrentDictionary<string, ConcurrentBag<int>> owners) : IDetector
{
    private readonly Dictionary<string, int> _counts = [];

    public string Name => "counting";

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.SourceIp is not null) keys.Add(new DetectorKey(0, e.SourceIp));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        owners.GetOrAdd(key.Value, _ => []).Add(GetHashCode());
        int n = _counts[key.Value] = _counts.GetValueOrDefault(key.Value) + 1;
        if (n == threshold)
        {
            findings.Emit(new Finding
            {
                Id = $"count-{key.Value}",
                Detector = Name,
                RuleId = "TEST-001",
                Severity = Severity.Low,
                Confidence = 1,
                Technique = "T0000",
                Explanation = $"{key.Value} reached {n}",
                FirstSeen = e.Timestamp,
                DetectedAt = e.Timestamp,
                Entities = [Entity.Ip(key.Value)],
                EvidenceEventIds = [e.Id],
                EvidenceCount = n,
            });
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
    }
}

/// <summary>Throws on every event whose path is /boom.</summary>
internal sealed class ThrowingDetector : IDetector
{
    public string Name => "throwing";

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys) => keys.Add(new DetectorKey(0, "all"));

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (e.UrlPath == "/boom") throw new InvalidOperationException("boom");
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
    }
}

/// <summary>Records the event times at which Advance was called.</summary>
internal sealed class ClockDetector(ConcurrentBag<DateTimeOffset> advances) : IDetector
{
    public string Name => "clock";

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
    }

    public void Advance(DateTimeOffset now, IFindingSink findings) => advances.Add(now);
}

internal sealed class ListSink : IFindingSink
{
    public List<Finding> Findings { get; } = [];

    public void Emit(Finding finding) => Findings.Add(finding);
}
