using System.Text;
using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Cvss;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Assessment.Model;

/// <summary>The outcome of loading a model: the model when there is no error, and every error found.</summary>
public sealed record ModelLoadResult(ThreatModel? Model, ThreatCatalogue? Catalogue, IReadOnlyList<ModelError> Errors);

/// <summary>
/// Reads a model from YAML (docs/ASSESSMENT.md; schema docs/assessment-model.schema.json), merges its own threats
/// and controls into the catalogue and validates it. Bad input gives errors naming file, line, column and key.
/// </summary>
public static class ModelLoader
{
    public const long MaxBytes = 1 << 20;

    public const int MaxAssets = 2_000;

    public const int MaxConnections = 10_000;

    internal static readonly string[] RootKeys = ["name", "description", "assessment", "zones", "assets", "connections", "controls", "threats"];
    internal static readonly string[] ZoneKeys = ["name", "trust", "inside"];
    internal static readonly string[] AssetKeys =
        ["name", "type", "zone", "description", "exposed", "crown_jewel", "impact", "data", "controls", "weaknesses", "depends_on"];
    internal static readonly string[] WeaknessKeys = ["cve", "cvss", "threat", "component", "source", "fix_cost", "stopped_by"];
    private static readonly string[] DependencyKeys = ["asset", "mode"];
    internal static readonly string[] ConnectionKeys = ["from", "to", "kind", "data", "encrypted", "controls"];
    private static readonly string[] SettingsKeys = ["threshold", "top_paths"];
    private static readonly string[] TrustNames = ["untrusted", "dmz", "internal", "restricted"];
    private static readonly string[] ConnectionKindNames = ["network", "uses", "supplies", "contains", "physical"];

    /// <summary>The default risk threshold: a path whose likelihood times the jewel's impact (1-5) reaches it must be cut.</summary>
    public const double DefaultThreshold = 0.5;

    public static ModelLoadResult LoadFile(string path, ThreatCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var info = new FileInfo(path);
        if (!info.Exists) return Fail(path, "not found");
        if (info.Length > MaxBytes) return Fail(path, $"larger than {MaxBytes} bytes");
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            return Fail(path, "not valid UTF-8");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(path, ex.Message);
        }

        return Load(text, path, catalogue);
    }

    private static ModelLoadResult Fail(string file, string reason) => new(null, null, [new ModelError(file, 0, 0, "(file)", reason)]);

    public static ModelLoadResult Load(string yaml, string fileName, ThreatCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (yaml.Length > MaxBytes) return Fail(fileName, $"larger than {MaxBytes} bytes");
        var errors = new List<ModelError>();
        var reader = new YamlReader(fileName, errors);
        var root = reader.Parse(yaml);
        if (root is null)
        {
            if (errors.Count == 0) errors.Add(new ModelError(fileName, 0, 0, "(file)", "empty model"));
            return new ModelLoadResult(null, null, errors);
        }

        var map = reader.Mapping(root, "", RootKeys);
        if (map is null) return new ModelLoadResult(null, null, errors);
        string name = reader.Text(map, "", "name", required: true, maxLength: 200) ?? "";
        string description = reader.Text(map, "", "description") ?? "";
        var settings = Settings(reader, map);
        var zones = Zones(reader, map);
        var assets = Assets(reader, map);
        var connections = Connections(reader, map);
        var controls = ThreatReader.Controls(reader, map);
        var threats = ThreatReader.Threats(reader, map);
        if (assets.Count == 0 && !errors.Any(e => e.KeyPath.StartsWith("assets", StringComparison.Ordinal)))
        {
            reader.Error(root, "assets", "a model needs at least one asset");
        }

        CatalogueChecks.Duplicates(controls.Select(c => (c.Id, c.Mark)), "control id", reader);
        CatalogueChecks.Duplicates(threats.Select(t => (t.Id, t.Mark)), "threat id", reader);
        var merged = catalogue.With(threats, controls);
        var model = new ThreatModel(name, description, zones, assets, connections, merged.Controls, merged.Threats, settings);
        ModelValidator.Validate(model, reader);
        if (errors.Count > 0) return new ModelLoadResult(null, null, errors);

        // An asset in an untrusted zone is exposed unless the model says otherwise.
        var trust = zones.ToDictionary(z => z.Name, z => z.Trust, StringComparer.Ordinal);
        model = model with
        {
            Assets = [.. assets.Select(a => a.ExposedGiven ? a : a with { Exposed = trust[a.Zone] == ZoneTrust.Untrusted })],
        };
        return new ModelLoadResult(model, merged, errors);
    }

    private static AssessmentSettings Settings(YamlReader reader, Dictionary<string, YamlNode> root)
    {
        if (!root.TryGetValue("assessment", out var node)) return new AssessmentSettings(DefaultThreshold, 5);
        var map = reader.Mapping(node, "assessment", SettingsKeys);
        if (map is null) return new AssessmentSettings(DefaultThreshold, 5);
        return new AssessmentSettings(
            reader.Number(map, "assessment", "threshold", DefaultThreshold, 0, 5),
            (int)reader.Number(map, "assessment", "top_paths", 5, 1, 100));
    }

    private static List<Zone> Zones(YamlReader reader, Dictionary<string, YamlNode> root)
    {
        var zones = new List<Zone>();
        foreach (var (node, path) in reader.Items(root, "", "zones", 200))
        {
            var map = reader.Mapping(node, path, ZoneKeys);
            if (map is null) continue;
            string? name = reader.Name(map, path, "name", node);
            string trust = reader.Choice(map, path, "trust", TrustNames) ?? "internal";
            string? inside = reader.Text(map, path, "inside", maxLength: 100);
            if (name is not null) zones.Add(new Zone(name, Enum.Parse<ZoneTrust>(trust, ignoreCase: true), inside, YamlReader.MarkOf(node, path)));
        }

        return zones;
    }

    private static List<Asset> Assets(YamlReader reader, Dictionary<string, YamlNode> root)
    {
        var assets = new List<Asset>();
        foreach (var (node, path) in reader.Items(root, "", "assets", MaxAssets))
        {
            var map = reader.Mapping(node, path, AssetKeys);
            if (map is null) continue;
            string? name = reader.Name(map, path, "name", node);
            string? type = reader.Name(map, path, "type", node);
            if (type is not null && !AssetTypes.IsKnown(type))
            {
                reader.Error(map["type"], YamlReader.Join(path, "type"), $"unknown asset type '{type}' (known: {string.Join(", ", AssetTypes.Names)})");
                type = null;
            }

            string? zone = reader.Name(map, path, "zone", node);
            string description = reader.Text(map, path, "description") ?? "";
            bool? exposed = map.ContainsKey("exposed") ? reader.Bool(map, path, "exposed", false) : null;
            bool crown = reader.Bool(map, path, "crown_jewel", false);
            int impact = (int)reader.Number(map, path, "impact", crown ? 5 : 2, 1, 5);
            if (map.TryGetValue("impact", out var impactNode) && impactNode is YamlScalarNode { Value: { } iv } && iv.Contains('.', StringComparison.Ordinal))
            {
                reader.Error(impactNode, YamlReader.Join(path, "impact"), "expected a whole number from 1 to 5");
            }

            var data = reader.Words(map, path, "data");
            var controls = reader.Words(map, path, "controls");
            var weaknesses = Weaknesses(reader, map, path);
            var dependsOn = Dependencies(reader, map, path);
            if (name is null || type is null || zone is null) continue;

            // exposed: null means "decide from the zone" (an untrusted zone is exposed); resolved by the validator.
            assets.Add(new Asset(name, type, zone, description, exposed ?? false, crown, impact, data, controls, weaknesses, dependsOn,
                YamlReader.MarkOf(node, path)) { ExposedGiven = exposed.HasValue });
        }

        return assets;
    }

    private static List<Weakness> Weaknesses(YamlReader reader, Dictionary<string, YamlNode> asset, string assetPath)
    {
        var result = new List<Weakness>();
        foreach (var (node, path) in reader.Items(asset, assetPath, "weaknesses", 500))
        {
            var map = reader.Mapping(node, path, WeaknessKeys);
            if (map is null) continue;
            int before = reader.Errors.Count;
            string? cve = reader.Text(map, path, "cve", maxLength: 60);
            string? cvssText = reader.Text(map, path, "cvss", maxLength: CvssParser.MaxLength + 10);
            string? threat = reader.Text(map, path, "threat", maxLength: 100);
            CvssVector? vector = null;
            if (cve is not null && !IsCveId(cve)) reader.Error(map["cve"], YamlReader.Join(path, "cve"), "expected a CVE id like CVE-2021-44228 (or an advisory id like GHSA-xxxx-xxxx-xxxx)");
            if (cvssText is not null && !CvssParser.TryParse(cvssText, out vector, out string why)) reader.Error(map["cvss"], YamlReader.Join(path, "cvss"), why);
            if (cve is not null && cvssText is null) reader.Error(node, YamlReader.Join(path, "cvss"), "a CVE needs its CVSS v3.1 vector");
            if (cve is null && cvssText is not null) reader.Error(node, YamlReader.Join(path, "cve"), "a CVSS vector needs the CVE (or advisory) id it scores");
            if ((cve is null) == (threat is null)) reader.Error(node, path, "give either cve (with cvss) or threat (a catalogue threat id)");
            string? component = reader.Text(map, path, "component", maxLength: 500);
            string? source = reader.Text(map, path, "source", maxLength: 200);
            double fixCost = reader.Number(map, path, "fix_cost", 1, 0, 1_000_000);
            var stoppedBy = reader.Words(map, path, "stopped_by");
            if (reader.Errors.Count > before) continue;
            result.Add(new Weakness(cve, vector, threat, component, source, fixCost, stoppedBy, YamlReader.MarkOf(node, path)));
        }

        return result;
    }

    private static bool IsCveId(string id) =>
        id.Length is >= 9 and <= 60
        && (id.StartsWith("CVE-", StringComparison.Ordinal) || id.StartsWith("GHSA-", StringComparison.Ordinal) || id.Contains('-', StringComparison.Ordinal))
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static List<Dependency> Dependencies(YamlReader reader, Dictionary<string, YamlNode> asset, string assetPath)
    {
        var result = new List<Dependency>();
        foreach (var (node, path) in reader.Items(asset, assetPath, "depends_on", 500))
        {
            if (node is YamlScalarNode { Value: { Length: > 0 and <= 100 } name })
            {
                result.Add(new Dependency(name, DependencyMode.Hard, YamlReader.MarkOf(node, path)));
                continue;
            }

            var map = reader.Mapping(node, path, DependencyKeys);
            if (map is null) continue;
            string? target = reader.Name(map, path, "asset", node);
            var mode = reader.Choice(map, path, "mode", ["hard", "soft"]) == "soft" ? DependencyMode.Soft : DependencyMode.Hard;
            if (target is not null) result.Add(new Dependency(target, mode, YamlReader.MarkOf(node, path)));
        }

        return result;
    }

    private static List<Connection> Connections(YamlReader reader, Dictionary<string, YamlNode> root)
    {
        var result = new List<Connection>();
        foreach (var (node, path) in reader.Items(root, "", "connections", MaxConnections))
        {
            var map = reader.Mapping(node, path, ConnectionKeys);
            if (map is null) continue;
            string? from = reader.Name(map, path, "from", node);
            string? to = reader.Name(map, path, "to", node);
            string kindName = reader.Choice(map, path, "kind", ConnectionKindNames) ?? "network";
            var data = reader.Words(map, path, "data");
            bool encrypted = reader.Bool(map, path, "encrypted", false);
            var controls = reader.Words(map, path, "controls");
            if (from is null || to is null) continue;
            result.Add(new Connection(from, to, Enum.Parse<ConnectionKind>(kindName, ignoreCase: true), data, encrypted, controls, YamlReader.MarkOf(node, path)));
        }

        return result;
    }
}
