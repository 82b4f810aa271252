using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Detection.Incidents;

/// <summary>The findings of one incident, kept in event-time order, with the counts its snapshot needs.</summary>
internal sealed class IncidentGroup
{
    /// <summary>Orders findings by detection time, then id, so the story and the id do not depend on arrival order.</summary>
    public static readonly Comparison<Finding> TimeOrder = (a, b) =>
    {
        int c = a.DetectedAt.CompareTo(b.DetectedAt);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    };

    private static readonly Comparer<Finding> Comparer = Comparer<Finding>.Create(TimeOrder);

    public List<Finding> Members { get; private set; } = [];

    public Dictionary<Entity, int> EntityCounts { get; } = [];

    /// <summary>The id last handed out for this group, to tell callers which ids a merge or an earlier finding retired.</summary>
    public string? PublishedId { get; set; }

    public Incident? Cached { get; set; }

    // Running aggregates, so that a snapshot costs O(listed findings), not O(all findings): an incident can hold
    // tens of thousands (an alert flood from one address), and a snapshot is taken on every finding added.

    public DateTimeOffset MinFirstSeen { get; private set; } = DateTimeOffset.MaxValue;

    public Severity MaxSeverity { get; private set; } = Severity.Info;

    public HashSet<string> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>The earliest credential-stuffing or lookalike-domain (phishing) finding, in <see cref="TimeOrder"/>: how credentials were got.</summary>
    public Finding? FirstPasswordAttack { get; private set; }

    /// <summary>The latest account-takeover finding, in <see cref="TimeOrder"/>.</summary>
    public Finding? LastTakeover { get; private set; }

    public void Add(Finding f)
    {
        int i = Members.BinarySearch(f, Comparer);
        Members.Insert(i < 0 ? ~i : i, f);
        Count(f);
        Cached = null;
    }

    /// <summary>Takes in the other group's findings (merging two sorted lists).</summary>
    public void Absorb(IncidentGroup other)
    {
        if (other.Members.Count * 8 < Members.Count)
        {
            // A new finding joining a large incident: inserting it (usually at the end) beats copying the list,
            // which made a growing incident cost O(n) per finding.
            foreach (var f in other.Members)
            {
                int i = Members.BinarySearch(f, Comparer);
                Members.Insert(i < 0 ? ~i : i, f);
            }
        }
        else
        {
            var merged = new List<Finding>(Members.Count + other.Members.Count);
            int a = 0, b = 0;
            while (a < Members.Count && b < other.Members.Count) merged.Add(TimeOrder(Members[a], other.Members[b]) <= 0 ? Members[a++] : other.Members[b++]);
            while (a < Members.Count) merged.Add(Members[a++]);
            while (b < other.Members.Count) merged.Add(other.Members[b++]);
            Members = merged;
        }

        foreach (var (e, n) in other.EntityCounts) EntityCounts[e] = EntityCounts.GetValueOrDefault(e) + n;
        if (other.MinFirstSeen < MinFirstSeen) MinFirstSeen = other.MinFirstSeen;
        MaxSeverity = SeverityNames.Max(MaxSeverity, other.MaxSeverity);
        Rules.UnionWith(other.Rules);
        if (other.FirstPasswordAttack is { } p && (FirstPasswordAttack is null || TimeOrder(p, FirstPasswordAttack) < 0)) FirstPasswordAttack = p;
        if (other.LastTakeover is { } t && (LastTakeover is null || TimeOrder(t, LastTakeover) > 0)) LastTakeover = t;
        Cached = null;
    }

    private void Count(Finding f)
    {
        foreach (var e in f.Entities.Distinct()) EntityCounts[e] = EntityCounts.GetValueOrDefault(e) + 1;
        if (f.FirstSeen < MinFirstSeen) MinFirstSeen = f.FirstSeen;
        MaxSeverity = SeverityNames.Max(MaxSeverity, f.Severity);
        Rules.Add(f.RuleId);
        if (f.Detector is "credential-stuffing" or "lookalike-domain" && (FirstPasswordAttack is null || TimeOrder(f, FirstPasswordAttack) < 0)) FirstPasswordAttack = f;
        if (f.Detector == "account-takeover" && (LastTakeover is null || TimeOrder(f, LastTakeover) > 0)) LastTakeover = f;
    }
}
