using Ensuresec.Core.Findings;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Assets;

/// <summary>The kinds of sites an asset map names, and what a door may open at.</summary>
public static class SiteKinds
{
    public const string Depot = "depot";
    public const string Warehouse = "warehouse";
    public const string Pharmacy = "pharmacy";
    public const string DeliveryPoint = "delivery-point";
    public const string Branch = "branch";

    public static IReadOnlyList<string> All { get; } = [Depot, Warehouse, Pharmacy, DeliveryPoint, Branch];

    /// <summary>Where a cargo door may open: a van loads at a depot or warehouse and unloads at a pharmacy or delivery point.</summary>
    public static bool IsLoadingPlace(string kind) => kind is Depot or Warehouse or Pharmacy or DeliveryPoint;
}

/// <summary>A place with a position and a radius: being within the radius is being there.</summary>
public sealed record Site(string Id, string Kind, GeoPoint Position, double RadiusMetres, string? Name);

/// <summary>
/// One "part of" step of a chain in the asset map: <see cref="From"/> is attached to, carried in, or belongs to
/// <see cref="To"/>. <see cref="Relation"/> says which in words ("is attached to", "is part of", "is at branch").
/// </summary>
public sealed record AssetLink(Entity From, string Relation, Entity To)
{
    public override string ToString() => $"{From.Kind} {From.Value} {Relation} {To.Kind} {To.Value}";
}

/// <summary>
/// The runtime asset map (docs/PHYSICAL.md, "Asset map"): the sites with their positions, the vehicles with their
/// home depots, the ATMs with their branches, the sensors and containers with what they are attached to, and the
/// cards with their accounts. Immutable once loaded (<see cref="AssetMapLoader"/>); every lookup is O(1) or O(chain).
/// </summary>
public sealed class AssetMap
{
    /// <summary>Longest "part of" chain (a sensor in a box in a parcel in a shipment in a van is five).</summary>
    public const int MaxChain = 16;

    private readonly Dictionary<string, Site> _sites;
    private readonly Dictionary<Entity, AssetLink> _parent;
    private readonly HashSet<Entity> _hasMembers;
    private readonly Dictionary<string, string> _homeOf;
    private readonly Dictionary<string, string> _vehicleOfSensor;
    private readonly Dictionary<string, string> _atmOfSensor;

    internal AssetMap(IEnumerable<Site> sites, IEnumerable<AssetLink> parents, IReadOnlyDictionary<string, string> homes)
    {
        _sites = sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _parent = parents.ToDictionary(l => l.From);
        _hasMembers = _parent.Values.Select(l => l.To).ToHashSet();
        _homeOf = new Dictionary<string, string>(homes, StringComparer.Ordinal);
        LoadingPlaces = _sites.Values.Where(s => SiteKinds.IsLoadingPlace(s.Kind)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        _vehicleOfSensor = new Dictionary<string, string>(StringComparer.Ordinal);
        _atmOfSensor = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in _parent.Values.Where(l => l.From.Kind == AssetKinds.Sensor))
        {
            // The sensor's host, or the vehicle or ATM its container is in.
            foreach (var step in ChainOf(link.From))
            {
                if (step.To.Kind == AssetKinds.Vehicle) _vehicleOfSensor.TryAdd(link.From.Value, step.To.Value);
                if (step.To.Kind == AssetKinds.Atm) _atmOfSensor.TryAdd(link.From.Value, step.To.Value);
            }
        }
    }

    /// <summary>An empty map: nothing is known, nothing is judged against it.</summary>
    public static AssetMap Empty { get; } = new([], [], new Dictionary<string, string>());

    public IReadOnlyCollection<Site> Sites => _sites.Values;

    /// <summary>Depots, warehouses, pharmacies and delivery points: where a cargo door may open.</summary>
    public IReadOnlyList<Site> LoadingPlaces { get; }

    /// <summary>Every "part of" link, one per asset that has a parent.</summary>
    public IReadOnlyCollection<AssetLink> Links => _parent.Values;

    /// <summary>How many entries each list of the file had (sites, vehicles, atms, containers, sensors, cards).</summary>
    public IReadOnlyDictionary<string, int> Counts { get; internal init; } = new Dictionary<string, int>();

    /// <summary>The longest "part of" chain in the map.</summary>
    public int LongestChain => _parent.Keys.Select(e => ChainOf(e).Count).DefaultIfEmpty(0).Max();

    public Site? SiteOf(string id) => _sites.GetValueOrDefault(id);

    /// <summary>The vehicle's home depot or warehouse, if the map names one.</summary>
    public Site? HomeOf(string vehicle) => _homeOf.TryGetValue(vehicle, out string? site) ? _sites.GetValueOrDefault(site) : null;

    /// <summary>The vehicle a sensor is attached to (directly or through its container), if any.</summary>
    public string? VehicleOfSensor(string sensor) => _vehicleOfSensor.GetValueOrDefault(sensor);

    /// <summary>The ATM a sensor is attached to, if any.</summary>
    public string? AtmOfSensor(string sensor) => _atmOfSensor.GetValueOrDefault(sensor);

    /// <summary>The branch an ATM belongs to, if the map names it.</summary>
    public Site? BranchOf(string atm) =>
        _parent.TryGetValue(new Entity(AssetKinds.Atm, atm), out var link) && link.To.Kind == AssetKinds.Site ? _sites.GetValueOrDefault(link.To.Value) : null;

    /// <summary>Whether something in the map is part of, attached to, or belongs to the entity (a van with sensors, a branch with ATMs).</summary>
    public bool HasMembers(Entity entity) => _hasMembers.Contains(entity);

    /// <summary>The chain of "part of" links from the entity up (empty for an entity the map does not place).</summary>
    public IReadOnlyList<AssetLink> ChainOf(Entity entity)
    {
        if (!_parent.ContainsKey(entity)) return [];
        var chain = new List<AssetLink>(2);
        var at = entity;
        // The loader rejects cycles; the bound keeps a map built another way from looping.
        while (chain.Count < MaxChain && _parent.TryGetValue(at, out var link))
        {
            chain.Add(link);
            at = link.To;
        }

        return chain;
    }

    /// <summary>The nearest loading place to <paramref name="p"/> and how far outside its radius the point is (negative: inside).</summary>
    public (Site Site, double Beyond)? NearestLoadingPlace(GeoPoint p)
    {
        (Site, double)? best = null;
        foreach (var s in LoadingPlaces)
        {
            double beyond = Geo.Distance(p, s.Position) - s.RadiusMetres;
            if (best is null || beyond < best.Value.Item2) best = (s, beyond);
        }

        return best;
    }
}
