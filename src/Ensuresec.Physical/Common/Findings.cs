using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Physical.Common;

/// <summary>The one way the physical detectors make findings: deterministic ids, evidence capped, times from events.</summary>
internal static class Findings
{
    public const int MaxIds = 20;

    public static Finding Create(
        string detector, string rule, string technique, Severity severity, double confidence, string key, int firing,
        string explanation, IReadOnlyList<string> evidenceIds, int evidenceCount, DateTimeOffset firstSeen, DateTimeOffset detectedAt,
        IEnumerable<Entity> entities)
    {
        string first = evidenceIds.Count > 0 ? evidenceIds[0] : string.Empty;
        string text = string.Join('\n', detector, rule, key, first, firing.ToString(CultureInfo.InvariantCulture));
        return new Finding
        {
            Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Detector = detector,
            RuleId = rule,
            Severity = severity,
            Confidence = confidence,
            Technique = technique,
            Explanation = explanation,
            FirstSeen = firstSeen,
            DetectedAt = detectedAt,
            Entities = entities.Where(x => !string.IsNullOrEmpty(x.Value)).Distinct().ToList(),
            EvidenceEventIds = evidenceIds.Take(MaxIds).ToList(),
            EvidenceCount = Math.Max(evidenceCount, Math.Min(evidenceIds.Count, MaxIds)),
        };
    }

    /// <summary>Entities of the physical assets named, skipping the missing ones.</summary>
    public static IEnumerable<Entity> Assets(params (string Kind, string? Value)[] assets) =>
        assets.Where(a => !string.IsNullOrEmpty(a.Value)).Select(a => new Entity(a.Kind, a.Value!));
}

/// <summary>Event ids behind a finding: the first few kept, all counted.</summary>
internal sealed class EvidenceIds
{
    private readonly List<string> _ids = new(4);

    public int Count { get; private set; }

    public DateTimeOffset First { get; private set; }

    public IReadOnlyList<string> Ids => _ids;

    public void Add(SecurityEvent e)
    {
        if (Count == 0) First = e.Timestamp;
        Count++;
        if (_ids.Count < Findings.MaxIds) _ids.Add(e.Id);
    }

    public void Clear()
    {
        _ids.Clear();
        Count = 0;
    }
}
