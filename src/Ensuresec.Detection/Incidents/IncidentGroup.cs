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
        var merged = new List<Finding>(Members.Count + other.Members.Count);
        int a = 0, b = 0;
        while (a < Members.Count && b < other.Members.Count)
        {
            merged.Add(TimeOrder(Members[a], other.Members[b]) <= 0 ? Members[a++] : other.Members[b++]);
        }

        while (a < Members.Count) merged.Add(Members[a++]);
        while (b < other.Members.Count) merged.Add(other.Members[b++]);
        Members = merged;
        foreach (var (e, n) in other.EntityCounts) EntityCounts[e] = EntityCounts.GetValueOrDefault(e) + n;
        Cached = null;
    }

    private void Count(Finding f)
    {
        foreach (var e in f.Entities.Distinct()) EntityCounts[e] = EntityCounts.GetValueOrDefault(e) + 1;
    }
}
