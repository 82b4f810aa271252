using Ensuresec.Core.Findings;
using Ensuresec.Physical.Assets;

namespace Ensuresec.Detection.Incidents;

/// <summary>
/// Tells the correlator how assets are chained: what an entity is part of, attached to or belongs to (a sensor to its
/// van, an ATM to its branch, a card to its account), and whether anything is part of it.
/// </summary>
public interface IAssetLinkResolver
{
    /// <summary>The links from the entity up its chain, nearest first; empty when the entity is part of nothing.</summary>
    IReadOnlyList<AssetLink> ChainOf(Entity entity);

    /// <summary>Whether anything is part of the entity, so a finding that names it directly can meet one that reaches it through a chain.</summary>
    bool HasMembers(Entity entity);
}

/// <summary>The links of a loaded <see cref="AssetMap"/>.</summary>
public sealed class AssetMapLinks(AssetMap map) : IAssetLinkResolver
{
    public IReadOnlyList<AssetLink> ChainOf(Entity entity) => map.ChainOf(entity);

    public bool HasMembers(Entity entity) => map.HasMembers(entity);
}

/// <summary>
/// Joins through the asset map: two findings whose assets meet in the map (one names a sensor attached to the van the
/// other names; one an ATM, the other its branch; two sensors on one van) within <see cref="CorrelatorOptions.AssetGap"/>
/// are one incident, and the story shows the chain that joined them. Two findings that both name an asset directly
/// are left to the ordinary entity joins, so the map never widens an actor's window.
/// </summary>
public sealed partial class IncidentCorrelator
{
    /// <summary>Most findings looked at on each side of a new one per asset it reaches (the nearest in time).</summary>
    internal const int MaxAssetScan = 64;

    private readonly IAssetLinkResolver? _assetLinks;
    private readonly Dictionary<Entity, List<AssetEntry>> _assetLines = [];
    private readonly Dictionary<int, IReadOnlyList<AssetLink>> _joinedThrough = [];

    /// <summary>A correlator that also joins findings whose assets are chained in the asset map (null: no map).</summary>
    public IncidentCorrelator(CorrelatorOptions? options, IAssetLinkResolver? assetLinks)
        : this(options)
    {
        _assetLinks = assetLinks;
    }

    /// <param name="Via">The chain from one of the finding's entities to this asset; null when the finding names the asset itself.</param>
    private readonly record struct AssetEntry(long Ticks, int Index, IReadOnlyList<AssetLink>? Via);

    private void LinkThroughAssetMap(Finding finding, long ticks, int index, List<string> previousIds)
    {
        if (_assetLinks is null) return;
        // Most findings (web, payments, accounts) reach nothing in the map: allocate only for those that do.
        Dictionary<Entity, IReadOnlyList<AssetLink>?>? reached = null;
        foreach (var entity in finding.Entities)
        {
            if (_assetLinks.HasMembers(entity)) (reached ??= [])[entity] = null;
            var chain = _assetLinks.ChainOf(entity);
            for (int i = 0; i < chain.Count; i++) (reached ??= []).TryAdd(chain[i].To, chain.Take(i + 1).ToArray());
        }

        if (reached is null) return;
        long gap = _o.AssetGap.Ticks;
        foreach (var (asset, via) in reached)
        {
            if (!_assetLines.TryGetValue(asset, out var line))
            {
                line = [];
                _assetLines[asset] = line;
            }

            int pos = 0, hi = line.Count;
            while (pos < hi)
            {
                int mid = (pos + hi) >>> 1;
                if (line[mid].Ticks < ticks || (line[mid].Ticks == ticks && line[mid].Index < index)) pos = mid + 1;
                else hi = mid;
            }

            for (int i = pos - 1; i >= 0 && i >= pos - MaxAssetScan && ticks - line[i].Ticks <= gap; i--) JoinThrough(index, via, line[i], previousIds);
            for (int i = pos; i < line.Count && i < pos + MaxAssetScan && line[i].Ticks - ticks <= gap; i++) JoinThrough(index, via, line[i], previousIds);
            line.Insert(pos, new AssetEntry(ticks, index, via));
        }
    }

    private void JoinThrough(int index, IReadOnlyList<AssetLink>? via, AssetEntry other, List<string> previousIds)
    {
        // Both naming the asset directly is an ordinary entity join, not the map's.
        if ((via is null && other.Via is null) || Find(index) == Find(other.Index)) return;
        // A story step already built without its chain must be built again, so the listed parts of its group go.
        if (via is not null && _joinedThrough.TryAdd(index, via)) _groups[Find(index)].Parts = null;
        if (other.Via is not null && _joinedThrough.TryAdd(other.Index, other.Via)) _groups[Find(other.Index)].Parts = null;
        Union(index, other.Index, previousIds);
    }

    /// <summary>The finding's explanation, followed by the chain of the asset map that joined it to the incident, if one did.</summary>
    private string ExplainWithAssetLinks(Finding f) =>
        _joinedThrough.Count > 0 && _byId.TryGetValue(f.Id, out int i) && _joinedThrough.TryGetValue(i, out var via)
            ? $"{f.Explanation} [joined through the asset map: {string.Join("; ", via)}]"
            : f.Explanation;
}
