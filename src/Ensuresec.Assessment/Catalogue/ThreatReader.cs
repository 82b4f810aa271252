using Ensuresec.Assessment.Model;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Assessment.Catalogue;

/// <summary>Reads the <c>threats</c> and <c>controls</c> lists, which the catalogue and a model write the same way.</summary>
internal static class ThreatReader
{
    public const int MaxThreats = 1_000;

    internal static readonly string[] ThreatKeys =
        ["id", "name", "stride", "attack", "applies_to", "when", "requires", "requires_data", "effect", "on", "targets", "likelihood", "effort", "stopped_by", "description"];

    private static readonly string[] ControlKeys = ["id", "name", "cost"];

    internal static readonly string[] Privileges = ["reach", "user", "control", "disclose", "tamper", "deny"];

    internal static readonly string[] KindNames = ["process", "data-store", "data-flow", "external-entity"];

    public static List<ControlDefinition> Controls(YamlReader reader, Dictionary<string, YamlNode> root)
    {
        var controls = new List<ControlDefinition>();
        foreach (var (node, path) in reader.Items(root, "", "controls", MaxThreats))
        {
            var map = reader.Mapping(node, path, ControlKeys);
            if (map is null) continue;
            string? id = reader.Name(map, path, "id", node);
            string name = reader.Text(map, path, "name") ?? id ?? "";
            double cost = reader.Number(map, path, "cost", 1, 0, 1_000_000);
            if (id is not null) controls.Add(new ControlDefinition(id, name, cost, YamlReader.MarkOf(node, path)));
        }

        return controls;
    }

    public static List<ThreatDefinition> Threats(YamlReader reader, Dictionary<string, YamlNode> root)
    {
        var threats = new List<ThreatDefinition>();
        foreach (var (node, path) in reader.Items(root, "", "threats", MaxThreats))
        {
            var map = reader.Mapping(node, path, ThreatKeys);
            if (map is null) continue;
            int before = reader.Errors.Count;
            string? id = reader.Name(map, path, "id", node);
            string name = reader.Text(map, path, "name") ?? id ?? "";
            string stride = reader.Text(map, path, "stride", maxLength: 6) ?? "";
            if (stride.Any(c => "STRIDE".IndexOf(c, StringComparison.Ordinal) < 0)) reader.Error(map["stride"], YamlReader.Join(path, "stride"), "letters of STRIDE only (e.g. TI)");
            string? attack = reader.Text(map, path, "attack", maxLength: 40);
            var types = new List<string>();
            var kinds = new List<ElementKind>();
            foreach (string target in reader.Words(map, path, "applies_to"))
            {
                if (AssetTypes.IsKnown(target)) types.Add(target);
                else if (Kind(target) is { } kind) kinds.Add(kind);
                else reader.Error(map["applies_to"], YamlReader.Join(path, "applies_to"), $"'{target}' is neither an asset type nor a STRIDE element kind ({string.Join(", ", KindNames)})");
            }

            if (types.Count == 0 && kinds.Count == 0 && map.ContainsKey("applies_to") is false) reader.Error(node, YamlReader.Join(path, "applies_to"), "required");
            var when = reader.Words(map, path, "when");
            foreach (string condition in when)
            {
                if (!Conditions.IsKnown(condition)) reader.Error(map["when"], YamlReader.Join(path, "when"), $"unknown condition '{condition}' ({Conditions.Help})");
            }

            var requires = Privilege(reader, map, path, "requires") ?? Model.Privilege.Reach;
            string? requiresData = reader.Text(map, path, "requires_data", maxLength: 100);
            if (requiresData is not null && map.ContainsKey("requires")) reader.Error(map["requires_data"], YamlReader.Join(path, "requires_data"), "give requires or requires_data, not both");
            var targets = reader.Words(map, path, "targets");
            foreach (string target in targets.Where(t => !AssetTypes.IsKnown(t)))
            {
                reader.Error(map["targets"], YamlReader.Join(path, "targets"), $"unknown asset type '{target}'");
            }

            var effect = Privilege(reader, map, path, "effect");
            if (effect is null && !map.ContainsKey("effect")) reader.Error(node, YamlReader.Join(path, "effect"), "required");
            var on = reader.Choice(map, path, "on", ["self", "next"]) == "next" ? EffectTarget.Next : EffectTarget.Self;
            double likelihood = reader.Number(map, path, "likelihood", 0.1, 0, 1);
            double effort = reader.Number(map, path, "effort", 5, 0, 1_000);
            var stoppedBy = reader.Words(map, path, "stopped_by");
            string description = reader.Text(map, path, "description") ?? "";
            if (id is null || effect is null || reader.Errors.Count > before) continue;
            threats.Add(new ThreatDefinition(id, name, stride, attack, types, kinds, when, requires, requiresData, effect.Value, on, targets,
                likelihood, effort, stoppedBy, description, YamlReader.MarkOf(node, path)));
        }

        return threats;
    }

    private static Privilege? Privilege(YamlReader reader, Dictionary<string, YamlNode> map, string path, string key) =>
        reader.Choice(map, path, key, Privileges) is { } word ? Enum.Parse<Privilege>(word, ignoreCase: true) : null;

    internal static ElementKind? Kind(string word) => word switch
    {
        "process" => ElementKind.Process,
        "data-store" => ElementKind.DataStore,
        "data-flow" => ElementKind.DataFlow,
        "external-entity" => ElementKind.ExternalEntity,
        _ => null,
    };
}
