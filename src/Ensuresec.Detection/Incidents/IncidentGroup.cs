using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Detection.Incidents;

/// <summary>
/// One incident's findings as its snapshot needs them: the earliest ones (as many as a snapshot lists), the count
/// of all, the latest, and running aggregates. Nothing here costs more per finding as the incident grows: an alert
/// flood from one address makes an incident of tens of thousands of findings, and a snapshot is taken on every one.
/// </summary>
internal sealed class IncidentGroup(int maxListed)
{
    /// <summary>Orders findings by detection time, then id, so the story and the id do not depend on arrival order.</summary>
    public static readonly Comparison<Finding> TimeOrder = (a, b) =>
    {
        int c = a.DetectedAt.CompareTo(b.DetectedAt);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    };

    private static readonly Comparer<Finding> Comparer = Comparer<Finding>.Create(TimeOrder);

    // Entities ranked as a snapshot lists them (actors first, the most involved first, then by name), kept sorted as
    // counts change so that the top ones are read in O(listed) instead of sorting every entity per finding.
    private readonly SortedSet<(Entity Entity, int Count)> _ranked = new(EntityRank.Instance);

    /// <summary>The earliest findings in <see cref="TimeOrder"/>, at most as many as a snapshot lists; later ones are only counted.</summary>
    public List<Finding> Listed { get; private set; } = [];

    /// <summary>How many findings the incident holds.</summary>
    public int Count { get; private set; }

    /// <summary>The last finding in <see cref="TimeOrder"/>: its detection time is the incident's last_seen.</summary>
    public Finding? Latest { get; private set; }

    public Dictionary<Entity, int> EntityCounts { get; } = [];

    /// <summary>The id last handed out for this group, to tell callers which ids a merge or an earlier finding retired.</summary>
    public string? PublishedId { get; set; }

    /// <summary>The current snapshot; null after a change.</summary>
    public Incident? Cached { get; set; }

    /// <summary>The last snapshot built, whose entities and title the next one reuses when they did not change.</summary>
    public Incident? LastBuilt { get; set; }

    /// <summary>The "what happened" part of <see cref="LastBuilt"/>'s title.</summary>
    public string? LastWhat { get; set; }

    /// <summary>What the snapshot derives from <see cref="Listed"/> alone (story, ids, techniques, title phrases); null when Listed changed other than at its end.</summary>
    public ListedParts? Parts { get; set; }

    public DateTimeOffset MinFirstSeen { get; private set; } = DateTimeOffset.MaxValue;

    public Severity MaxSeverity { get; private set; } = Severity.Info;

    public HashSet<string> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>The earliest credential-stuffing or lookalike-domain (phishing) finding, in <see cref="TimeOrder"/>: how credentials were got.</summary>
    public Finding? FirstPasswordAttack { get; private set; }

    /// <summary>The latest account-takeover finding, in <see cref="TimeOrder"/>.</summary>
    public Finding? LastTakeover { get; private set; }

    public void Add(Finding f)
    {
        List(f);
        Count++;
        if (Latest is null || TimeOrder(f, Latest) > 0) Latest = f;
        foreach (var e in f.Entities.Distinct()) AddToEntity(e, 1);
        if (f.FirstSeen < MinFirstSeen) MinFirstSeen = f.FirstSeen;
        MaxSeverity = SeverityNames.Max(MaxSeverity, f.Severity);
        Rules.Add(f.RuleId);
        if (f.Detector is "credential-stuffing" or "lookalike-domain" && (FirstPasswordAttack is null || TimeOrder(f, FirstPasswordAttack) < 0)) FirstPasswordAttack = f;
        if (f.Detector == "account-takeover" && (LastTakeover is null || TimeOrder(f, LastTakeover) > 0)) LastTakeover = f;
        Cached = null;
    }

    /// <summary>Takes in the other group's findings; the caller passes the smaller group, so this costs O(its size + listed).</summary>
    public void Absorb(IncidentGroup other)
    {
        if (other.Listed.Count * 8 < Listed.Count)
        {
            // A new finding joining a large incident: usually after the listed ones, so nothing moves.
            foreach (var f in other.Listed) List(f);
        }
        else
        {
            var merged = new List<Finding>(Math.Min(maxListed, Listed.Count + other.Listed.Count));
            int a = 0, b = 0;
            while (merged.Count < maxListed && a < Listed.Count && b < other.Listed.Count) merged.Add(TimeOrder(Listed[a], other.Listed[b]) <= 0 ? Listed[a++] : other.Listed[b++]);
            while (merged.Count < maxListed && a < Listed.Count) merged.Add(Listed[a++]);
            while (merged.Count < maxListed && b < other.Listed.Count) merged.Add(other.Listed[b++]);
            Listed = merged;
            Parts = null;
        }

        Count += other.Count;
        if (other.Latest is { } latest && (Latest is null || TimeOrder(latest, Latest) > 0)) Latest = latest;
        foreach (var (e, n) in other.EntityCounts) AddToEntity(e, n);
        if (other.MinFirstSeen < MinFirstSeen) MinFirstSeen = other.MinFirstSeen;
        MaxSeverity = SeverityNames.Max(MaxSeverity, other.MaxSeverity);
        Rules.UnionWith(other.Rules);
        if (other.FirstPasswordAttack is { } p && (FirstPasswordAttack is null || TimeOrder(p, FirstPasswordAttack) < 0)) FirstPasswordAttack = p;
        if (other.LastTakeover is { } t && (LastTakeover is null || TimeOrder(t, LastTakeover) > 0)) LastTakeover = t;
        Cached = null;
    }

    /// <summary>The <paramref name="max"/> most involved entities, actors first, then by count, kind and value.</summary>
    public List<Entity> TopEntities(int max)
    {
        var top = new List<Entity>(Math.Min(max, _ranked.Count));
        foreach (var (e, _) in _ranked)
        {
            if (top.Count == max) break;
            top.Add(e);
        }

        return top;
    }

    /// <summary>Inserts a finding into <see cref="Listed"/> if it is among the earliest <c>maxListed</c>.</summary>
    private void List(Finding f)
    {
        if (Listed.Count == maxListed && TimeOrder(f, Listed[^1]) >= 0) return;
        int i = Listed.BinarySearch(f, Comparer);
        i = i < 0 ? ~i : i;
        if (i == Listed.Count)
        {
            // After every listed finding (findings mostly arrive in time order): the parts grow in place.
            Listed.Add(f);
            Parts?.Append(f);
            return;
        }

        Listed.Insert(i, f);
        if (Listed.Count > maxListed) Listed.RemoveAt(Listed.Count - 1);
        Parts = null;
    }

    private void AddToEntity(Entity e, int n)
    {
        int count = EntityCounts.GetValueOrDefault(e);
        if (count > 0) _ranked.Remove((e, count));
        EntityCounts[e] = count + n;
        _ranked.Add((e, count + n));
    }

    private sealed class EntityRank : IComparer<(Entity Entity, int Count)>
    {
        public static readonly EntityRank Instance = new();

        public int Compare((Entity Entity, int Count) x, (Entity Entity, int Count) y)
        {
            int c = EntityKinds.IsActor(y.Entity.Kind).CompareTo(EntityKinds.IsActor(x.Entity.Kind));
            if (c != 0) return c;
            c = y.Count.CompareTo(x.Count);
            if (c != 0) return c;
            c = string.CompareOrdinal(x.Entity.Kind, y.Entity.Kind);
            return c != 0 ? c : string.CompareOrdinal(x.Entity.Value, y.Entity.Value);
        }
    }
}
