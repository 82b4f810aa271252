using System.Security.Cryptography;
using System.Text;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Detection.Incidents;

/// <summary>
/// Groups findings into incidents: two findings that share a joinable entity (an address, an account, a card)
/// and whose detection times are within <see cref="CorrelatorOptions.Gap"/> are linked, and an incident is a
/// connected group of links. The grouping, ids, titles and severities depend only on the set of findings, not on
/// their arrival order. Not thread-safe: one caller at a time.
/// </summary>
public sealed partial class IncidentCorrelator
{
    private readonly CorrelatorOptions _o;
    private readonly HashSet<string> _joinKinds;
    private readonly HashSet<string> _assetKinds;
    private readonly List<int> _parent = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<Entity, List<(long Ticks, int Index)>> _timeline = [];
    private readonly Dictionary<int, IncidentGroup> _groups = [];
    private readonly HashSet<string> _exposureRules;
    private readonly Dictionary<Entity, List<(long Ticks, int Index)>> _exposures = [];
    private readonly HashSet<string> _campaignRules;
    private readonly Dictionary<string, List<(long Ticks, int Index)>> _campaigns = new(StringComparer.Ordinal);

    /// <summary>A correlator with the given settings (defaults if null); invalid settings throw.</summary>
    public IncidentCorrelator(CorrelatorOptions? options = null)
    {
        _o = options ?? new CorrelatorOptions();
        var errors = _o.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _joinKinds = new HashSet<string>(_o.JoinKinds, StringComparer.Ordinal);
        _assetKinds = new HashSet<string>(_o.AssetJoinKinds, StringComparer.Ordinal);
        _exposureRules = new HashSet<string>(_o.ExposureRules, StringComparer.Ordinal);
        _campaignRules = new HashSet<string>(_o.CampaignRules, StringComparer.Ordinal);
    }

    /// <summary>The longest time across which two findings can join (see <see cref="CorrelatorOptions.LongestWindow"/>).</summary>
    public TimeSpan LongestWindow => _o.LongestWindow;

    /// <summary>How many distinct findings were added.</summary>
    public int FindingCount => _parent.Count;

    /// <summary>Every current incident, earliest first.</summary>
    public IReadOnlyList<Incident> Incidents =>
        _groups.Values.Select(Build).OrderBy(i => i.FirstSeen).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

    /// <summary>Adds a finding; returns the incident it now belongs to, or null if the finding was already added.</summary>
    public Incident? Add(Finding finding) => Add(finding, null);

    /// <summary>
    /// Adds a finding; returns the incident it now belongs to (null for a repeat). Ids of incidents that no longer
    /// exist, because this finding merged them into another or changed the earliest finding, go into
    /// <paramref name="retiredIds"/>, so a store can delete them and upsert the result.
    /// </summary>
    public Incident? Add(Finding finding, ICollection<string>? retiredIds)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (_byId.ContainsKey(finding.Id)) return null;
        int index = _parent.Count;
        _byId[finding.Id] = index;
        _parent.Add(index);
        long ticks = finding.DetectedAt.UtcTicks;
        var group = new IncidentGroup(_o.MaxListed);
        group.Add(finding);
        _groups[index] = group;

        var previousIds = new List<string>();
        foreach (var entity in finding.Entities.Distinct())
        {
            if (string.IsNullOrEmpty(entity.Value) || entity.Value == "-") continue;
            long gap;
            if (_joinKinds.Contains(entity.Kind)) gap = _o.Gap.Ticks;
            else if (_assetKinds.Contains(entity.Kind)) gap = _o.AssetGap.Ticks;
            else continue;
            if (!_timeline.TryGetValue(entity, out var line))
            {
                line = [];
                _timeline[entity] = line;
            }

            LinkNearest(line, ticks, index, gap, previousIds);
            if (EntityKinds.IsActor(entity.Kind)) LinkExposures(entity, ticks, index, _exposureRules.Contains(finding.RuleId), line, previousIds);
        }

        // A campaign rule's findings form one more timeline, keyed by the rule, with the campaign's short gap.
        if (_campaignRules.Contains(finding.RuleId))
        {
            if (!_campaigns.TryGetValue(finding.RuleId, out var line))
            {
                line = [];
                _campaigns[finding.RuleId] = line;
            }

            LinkNearest(line, ticks, index, _o.CampaignGap.Ticks, previousIds);
        }

        LinkThroughAssetMap(finding, ticks, index, previousIds);
        int root = Find(index);
        var incident = Build(_groups[root]);
        if (retiredIds is not null)
        {
            foreach (var id in previousIds.Distinct(StringComparer.Ordinal))
            {
                if (id != incident.Id) retiredIds.Add(id);
            }
        }

        return incident;
    }

    /// <summary>
    /// Inserts the finding into a timeline and joins it to its nearest earlier and later neighbours within the gap.
    /// Those suffice: the findings within the gap on one side are within the gap of each other, so they are already
    /// one group. The gap is fixed per timeline.
    /// </summary>
    private void LinkNearest(List<(long Ticks, int Index)> line, long ticks, int index, long gap, List<string> previousIds)
    {
        int pos = UpperBound(line, ticks, index);
        if (pos > 0 && ticks - line[pos - 1].Ticks <= gap) Union(index, line[pos - 1].Index, previousIds);
        if (pos < line.Count && line[pos].Ticks - ticks <= gap) Union(index, line[pos].Index, previousIds);
        line.Insert(pos, (ticks, index));
    }

    /// <summary>
    /// An exposure (a customer reached by a phishing domain) joins what happens to that actor in the window after it;
    /// a finding on the actor joins the exposures of the window before it. Both directions, so order does not matter.
    /// </summary>
    private void LinkExposures(Entity actor, long ticks, int index, bool isExposure, List<(long Ticks, int Index)> line, List<string> previousIds)
    {
        long window = _o.ExposureWindow.Ticks;
        if (isExposure)
        {
            if (!_exposures.TryGetValue(actor, out var list))
            {
                list = [];
                _exposures[actor] = list;
            }

            list.Add((ticks, index));
            foreach (var (t, i) in line)
            {
                if (t >= ticks && t - ticks <= window && i != index) Union(index, i, previousIds);
            }

            return;
        }

        if (!_exposures.TryGetValue(actor, out var exposures)) return;
        foreach (var (t, i) in exposures)
        {
            if (ticks >= t && ticks - t <= window) Union(index, i, previousIds);
        }
    }

    /// <summary>The id of the incident that holds the finding, or null if it was never added.</summary>
    public string? IncidentIdOf(string findingId) =>
        _byId.TryGetValue(findingId, out int i) ? Build(_groups[Find(i)]).Id : null;

    /// <summary>
    /// The group's snapshot. It costs O(listed entities) per call, not O(findings): the parts that depend only on the
    /// listed (earliest) findings are rebuilt only when those change, and the entities come ranked from the group.
    /// </summary>
    private Incident Build(IncidentGroup g)
    {
        if (g.Cached is not null) return g.Cached;
        var parts = g.Parts ??= ListedParts.Of(g.Listed, ExplainWithAssetLinks);
        var entities = g.TopEntities(_o.MaxEntities);
        var previous = g.LastBuilt;
        // Entities and title usually stay as they were when a flood grows its incident: reuse them.
        bool sameEntities = previous is not null && previous.Entities.SequenceEqual(entities);
        var incident = new Incident
        {
            Id = IdOf(g.Listed[0]),
            Title = sameEntities && string.Equals(g.LastWhat, parts.What, StringComparison.Ordinal) ? previous!.Title : IncidentTitles.Compose(parts.What, entities),
            Severity = SeverityOf(g),
            FirstSeen = g.MinFirstSeen,
            LastSeen = g.Latest!.DetectedAt,
            Entities = sameEntities ? previous!.Entities : entities,
            FindingIds = parts.FindingIds,
            Techniques = parts.Techniques,
            Story = parts.Story,
        };
        g.Cached = incident;
        g.LastBuilt = incident;
        g.LastWhat = parts.What;
        g.PublishedId = incident.Id;
        return incident;
    }

    private Severity SeverityOf(IncidentGroup g)
    {
        var max = g.MaxSeverity;
        if (g.Rules.Count >= _o.EscalateAtDistinctRules || g.Count >= _o.EscalateAtFindings) max = SeverityNames.Raise(max);
        // A takeover that follows a password attack or a phishing domain in the same incident is the attack succeeding.
        if (g.FirstPasswordAttack is { } attack && g.LastTakeover is { } takeover && IncidentGroup.TimeOrder(takeover, attack) > 0) max = SeverityNames.Raise(max);
        return max;
    }

    private static string IdOf(Finding earliest) =>
        "inc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(earliest.Id)))[..32];

    private void Union(int a, int b, List<string> previousIds)
    {
        int ra = Find(a), rb = Find(b);
        if (ra == rb) return;
        var ga = _groups[ra];
        var gb = _groups[rb];
        if (ga.PublishedId is not null) previousIds.Add(ga.PublishedId);
        if (gb.PublishedId is not null) previousIds.Add(gb.PublishedId);
        // The larger group absorbs the smaller, so each finding moves O(log n) times.
        if (ga.Count < gb.Count) (ra, rb, ga, gb) = (rb, ra, gb, ga);
        ga.Absorb(gb);
        _parent[rb] = ra;
        _groups.Remove(rb);
    }

    private int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }

        return i;
    }

    private static int UpperBound(List<(long Ticks, int Index)> line, long ticks, int index)
    {
        int lo = 0, hi = line.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            var m = line[mid];
            if (m.Ticks < ticks || (m.Ticks == ticks && m.Index < index)) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}
