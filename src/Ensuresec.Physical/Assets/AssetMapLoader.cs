using System.Globalization;
using System.Text;
using Ensuresec.Core.Findings;
using Ensuresec.Physical.Telemetry;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Physical.Assets;

/// <summary>
/// Reads an asset map (docs/PHYSICAL.md, "Asset map") from YAML: sites, vehicles, ATMs, containers, sensors and cards.
/// Every problem is reported with its file, line, column and key path, and nothing of a map with problems is used.
/// </summary>
public static class AssetMapLoader
{
    /// <summary>Largest map file: a bank's cards, a pharmacy's delivery points, still far from anything unreasonable.</summary>
    public const long MaxBytes = 16 << 20;

    /// <summary>Most entries over all lists.</summary>
    public const int MaxEntries = 200_000;

    /// <summary>The radius of a site that gives none, metres (the route monitor's place radius).</summary>
    public const double DefaultRadiusMetres = 250;

    private static readonly string[] TopKeys = ["version", "sites", "vehicles", "atms", "containers", "sensors", "cards"];
    private static readonly string[] ContainerKinds = ["container", "shipment", "parcel"];

    /// <summary>Reads and checks a file; a missing, oversized or non-UTF-8 file is an error naming it.</summary>
    public static AssetMap? LoadFile(string path, out IReadOnlyList<AssetMapError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        string? problem = !info.Exists ? "not found" : info.Length > MaxBytes ? $"larger than {MaxBytes} bytes" : null;
        string text = "";
        if (problem is null)
        {
            try
            {
                text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
            {
                problem = ex is DecoderFallbackException ? "not valid UTF-8" : ex.Message;
            }
        }

        if (problem is not null)
        {
            errors = [new AssetMapError(path, 0, 0, "(file)", problem)];
            return null;
        }

        return Load(text, path, out errors);
    }

    /// <summary>Reads and checks YAML text; null with the errors when anything is wrong.</summary>
    public static AssetMap? Load(string yaml, string fileName, out IReadOnlyList<AssetMapError> errors)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var list = new List<AssetMapError>();
        errors = list;
        if (Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
        {
            list.Add(new AssetMapError(fileName, 0, 0, "(file)", $"larger than {MaxBytes} bytes"));
            return null;
        }

        var y = new AssetYaml(fileName, list);
        var root = y.Parse(yaml);
        if (list.Count > 0) return null;
        if (root is null or YamlScalarNode { Value: null or "" or "~" }) return AssetMap.Empty;
        var top = y.Mapping(root, "", TopKeys);
        if (top is null) return null;
        if (top.TryGetValue("version", out var v) && v is not YamlScalarNode { Value: "1" }) y.Error(v, "version", "only version 1 is known");
        int entries = top.Values.OfType<YamlSequenceNode>().Sum(s => s.Children.Count);
        if (entries > MaxEntries)
        {
            y.Error(root, "(root)", string.Create(CultureInfo.InvariantCulture, $"{entries} entries, more than {MaxEntries}"));
            return null;
        }

        var b = new Builder(y);
        b.Read(top);
        // References are resolved even after other errors, so one run reports them all.
        var map = b.Build(TopKeys.Skip(1).ToDictionary(k => k, k => top.TryGetValue(k, out var n) && n is YamlSequenceNode seq ? seq.Children.Count : 0, StringComparer.Ordinal));
        return list.Count > 0 ? null : map;
    }

    /// <summary>Collects the entries in a first pass, then resolves references, so a list may name what a later list defines.</summary>
    private sealed class Builder(AssetYaml y)
    {
        // Every id of sites, vehicles, ATMs, containers and sensors is in one namespace, so a reference names one thing.
        private readonly Dictionary<string, (Entity Entity, string Kind, YamlNode Node)> _ids = new(StringComparer.Ordinal);
        private readonly List<Site> _sites = [];
        private readonly List<(string From, string To, string Relation, YamlNode Node, string Path, string[] Allowed)> _refs = [];
        private readonly Dictionary<string, string> _homes = new(StringComparer.Ordinal);
        private readonly List<(string Vehicle, string Home, YamlNode Node, string Path)> _homeRefs = [];
        private readonly List<AssetLink> _cardLinks = [];

        public void Read(Dictionary<string, YamlNode> top)
        {
            foreach (var (node, path) in y.Items(top, "sites")) ReadSite(node, path);
            foreach (var (node, path) in y.Items(top, "vehicles"))
            {
                if (y.Mapping(node, path, ["id", "home", "name"]) is not { } m || Define(m, path, node, AssetKinds.Vehicle, "vehicle") is not { } id) continue;
                if (y.Id(m, path, "home", node, required: false) is { } home) _homeRefs.Add((id, home, m["home"], path + ".home"));
            }

            foreach (var (node, path) in y.Items(top, "atms"))
            {
                if (y.Mapping(node, path, ["id", "branch", "name"]) is not { } m) continue;
                string? id = Define(m, path, node, AssetKinds.Atm, "atm");
                string? branch = y.Id(m, path, "branch", node, required: true);
                if (id is not null && branch is not null) _refs.Add((id, branch, "is at branch", m["branch"], path + ".branch", [SiteKinds.Branch]));
            }

            foreach (var (node, path) in y.Items(top, "containers"))
            {
                if (y.Mapping(node, path, ["id", "kind", "in", "name"]) is not { } m) continue;
                string? kind = y.Choice(m, path, "kind", ContainerKinds, "container");
                if (kind is null) continue;
                string entityKind = kind switch { "shipment" => AssetKinds.Shipment, "parcel" => AssetKinds.Parcel, _ => AssetKinds.Container };
                string? id = Define(m, path, node, entityKind, kind);
                if (id is not null && y.Id(m, path, "in", node, required: false) is { } parent)
                {
                    _refs.Add((id, parent, "is carried in", m["in"], path + ".in", ["vehicle", .. ContainerKinds]));
                }
            }

            foreach (var (node, path) in y.Items(top, "sensors"))
            {
                if (y.Mapping(node, path, ["id", "type", "on", "name"]) is not { } m) continue;
                string? id = Define(m, path, node, AssetKinds.Sensor, "sensor");
                y.Choice(m, path, "type", [SensorTypes.Temperature, SensorTypes.Humidity, SensorTypes.Door, SensorTypes.Seal, SensorTypes.Shock, SensorTypes.Tamper, SensorTypes.Vibration, SensorTypes.Gps], null);
                string? on = y.Id(m, path, "on", node, required: true);
                if (id is not null && on is not null) _refs.Add((id, on, "is attached to", m["on"], path + ".on", ["vehicle", "atm", "site", .. ContainerKinds]));
            }

            var cards = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (node, path) in y.Items(top, "cards"))
            {
                if (y.Mapping(node, path, ["fingerprint", "account"]) is not { } m) continue;
                string? card = y.Id(m, path, "fingerprint", node, required: true);
                string? account = y.Id(m, path, "account", node, required: true);
                if (card is null || account is null) continue;
                if (!cards.Add(card)) y.Error(m["fingerprint"], path + ".fingerprint", $"card '{card}' is listed twice");
                else _cardLinks.Add(new AssetLink(Entity.Card(card), "belongs to account", Entity.User(account)));
            }
        }

        private void ReadSite(YamlNode node, string path)
        {
            if (y.Mapping(node, path, ["id", "kind", "name", "position", "radius-m"]) is not { } m) return;
            string? id = Define(m, path, node, AssetKinds.Site, "site");
            string? kind = m.ContainsKey("kind") ? y.Choice(m, path, "kind", SiteKinds.All, null) : Missing(node, path + ".kind");
            double? radius = y.Number(m, path, "radius-m", DefaultRadiusMetres, 1, 100_000);
            string? name = m.TryGetValue("name", out var n) ? (n as YamlScalarNode)?.Value : null;
            GeoPoint? position = null;
            if (m.TryGetValue("position", out var p)) position = Position(p, path + ".position");
            else Missing(node, path + ".position");
            if (id is not null && kind is not null && radius is { } r && position is { } at) _sites.Add(new Site(id, kind, at, r, name));
        }

        private string? Missing(YamlNode owner, string path)
        {
            y.Error(owner, path, "required");
            return null;
        }

        /// <summary>A position as {lat: .., lon: ..} or "lat,lon" (the order ECS's geo_point string uses), on the Earth.</summary>
        private GeoPoint? Position(YamlNode node, string path)
        {
            double? lat, lon;
            if (node is YamlScalarNode { Value: { } text } scalar)
            {
                var parts = text.Split(',');
                if (parts.Length != 2)
                {
                    y.Error(node, path, "expected {lat: .., lon: ..} or \"lat,lon\"");
                    return null;
                }

                lat = y.Number(parts[0].Trim(), scalar, path + ".lat", -90, 90);
                lon = y.Number(parts[1].Trim(), scalar, path + ".lon", -180, 180);
            }
            else
            {
                if (y.Mapping(node, path, ["lat", "lon"]) is not { } m) return null;
                if (!m.ContainsKey("lat") || !m.ContainsKey("lon"))
                {
                    y.Error(node, path, "needs both lat and lon");
                    return null;
                }

                lat = y.Number(m["lat"], path + ".lat", -90, 90);
                lon = y.Number(m["lon"], path + ".lon", -180, 180);
            }

            return lat is { } a && lon is { } o && GeoPoint.TryCreate(a, o, out var point, out _) ? point : null;
        }

        private string? Define(Dictionary<string, YamlNode> m, string path, YamlNode node, string entityKind, string kind)
        {
            string? id = y.Id(m, path, "id", node, required: true);
            if (id is null) return null;
            if (_ids.TryGetValue(id, out var other))
            {
                y.Error(m["id"], path + ".id", $"id '{id}' is already used (line {other.Node.Start.Line})");
                return null;
            }

            _ids[id] = (new Entity(entityKind, id), kind, m["id"]);
            return id;
        }

        public AssetMap Build(IReadOnlyDictionary<string, int> counts)
        {
            var siteKinds = _sites.ToDictionary(s => s.Id, s => s.Kind, StringComparer.Ordinal);
            foreach (var (vehicle, home, node, path) in _homeRefs)
            {
                if (!siteKinds.TryGetValue(home, out string? kind)) y.Error(node, path, _ids.ContainsKey(home) ? $"'{home}' is not a site" : $"unknown site '{home}'");
                else if (kind is not (SiteKinds.Depot or SiteKinds.Warehouse)) y.Error(node, path, $"site '{home}' is a {kind}, not a depot or warehouse");
                else _homes[vehicle] = home;
            }

            var parents = new Dictionary<Entity, AssetLink>();
            foreach (var (from, to, relation, node, path, allowed) in _refs)
            {
                if (!_ids.TryGetValue(to, out var target))
                {
                    y.Error(node, path, $"unknown asset '{to}' (expected a {string.Join(" or ", allowed)} defined in this map)");
                    continue;
                }

                string targetKind = target.Kind == "site" && siteKinds.TryGetValue(to, out string? sk) && allowed.Contains(sk) ? sk : target.Kind;
                if (!allowed.Contains(targetKind))
                {
                    y.Error(node, path, $"'{to}' is a {(target.Kind == "site" && siteKinds.TryGetValue(to, out string? k2) ? k2 : target.Kind)}, expected a {string.Join(" or ", allowed)}");
                    continue;
                }

                var link = new AssetLink(_ids[from].Entity, relation, target.Entity);
                parents[link.From] = link;
            }

            ReportCycles(parents);
            foreach (var link in _cardLinks) parents[link.From] = link;
            return new AssetMap(_sites, parents.Values, _homes) { Counts = counts };
        }

        /// <summary>
        /// A container carried in itself through others can be nowhere: each cycle is reported once, at the entry that
        /// closes it, and left out; a chain deeper than <see cref="AssetMap.MaxChain"/> is reported once, where it
        /// passes the limit. Linear in the number of links, whatever their shape (a file may hold 200,000).
        /// </summary>
        private void ReportCycles(Dictionary<Entity, AssetLink> parents)
        {
            var refOf = _refs.GroupBy(r => r.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var depth = new Dictionary<Entity, int>();
            foreach (var start in parents.Keys.ToList())
            {
                var path = new List<Entity>();
                var onPath = new Dictionary<Entity, int>();
                var at = start;
                while (!depth.ContainsKey(at) && parents.TryGetValue(at, out var link))
                {
                    if (onPath.TryGetValue(at, out int seen))
                    {
                        var entry = refOf[path[^1].Value];
                        int length = path.Count - seen;
                        var shown = path.Skip(seen).Take(10).Select(e => e.Value);
                        string cycle = length <= 10 ? string.Join(" -> ", shown.Append(at.Value)) : string.Join(" -> ", shown) + $" -> ... ({length} in all) -> {at.Value}";
                        y.Error(entry.Node, entry.Path, "part-of cycle: " + cycle);
                        foreach (var e in path.Skip(seen)) parents.Remove(e);
                        path.Clear();
                        break;
                    }

                    onPath[at] = path.Count;
                    path.Add(at);
                    at = link.To;
                }

                int d = depth.GetValueOrDefault(at);
                for (int i = path.Count - 1; i >= 0; i--)
                {
                    depth[path[i]] = ++d;
                    if (d == AssetMap.MaxChain + 1 && refOf.TryGetValue(path[i].Value, out var entry))
                    {
                        y.Error(entry.Node, entry.Path, $"'{path[i].Value}' is {d} levels deep, more than {AssetMap.MaxChain}");
                    }
                }
            }
        }
    }
}
