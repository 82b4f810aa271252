using Ensuresec.Assessment.Catalogue;

namespace Ensuresec.Assessment.Model;

/// <summary>
/// Checks across a model: unique names, references that resolve (zones, assets, controls, threats) and no cycle
/// where none may be (zones inside zones, hard dependencies, containment).
/// </summary>
internal static class ModelValidator
{
    public static void Validate(ThreatModel model, YamlReader reader)
    {
        CatalogueChecks.Duplicates(model.Zones.Select(z => (z.Name, z.Mark)), "zone name", reader);
        CatalogueChecks.Duplicates(model.Assets.Select(a => (a.Name, a.Mark)), "asset name", reader);
        var zones = model.Zones.GroupBy(z => z.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var assets = model.Assets.GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var controls = model.Controls.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var threats = model.Threats.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var zone in model.Zones.Where(z => z.Inside is not null && !zones.ContainsKey(z.Inside)))
        {
            reader.Error(zone.Mark with { KeyPath = zone.Mark.KeyPath + ".inside" }, $"unknown zone '{zone.Inside}'{Known(zones.Keys)}");
        }

        foreach (var asset in model.Assets)
        {
            string at = asset.Mark.KeyPath;
            if (!zones.ContainsKey(asset.Zone)) reader.Error(asset.Mark with { KeyPath = at + ".zone" }, $"unknown zone '{asset.Zone}'{Known(zones.Keys)}");
            foreach (string control in asset.Controls.Where(c => !controls.Contains(c)))
            {
                reader.Error(asset.Mark with { KeyPath = at + ".controls" }, $"unknown control '{control}' (not in the catalogue nor the model's controls)");
            }

            foreach (var weakness in asset.Weaknesses)
            {
                if (weakness.Threat is not null && !threats.Contains(weakness.Threat))
                {
                    reader.Error(weakness.Mark with { KeyPath = weakness.Mark.KeyPath + ".threat" }, $"unknown threat '{weakness.Threat}' (not in the catalogue nor the model's threats)");
                }

                foreach (string control in weakness.StoppedBy.Where(c => !controls.Contains(c)))
                {
                    reader.Error(weakness.Mark with { KeyPath = weakness.Mark.KeyPath + ".stopped_by" }, $"unknown control '{control}'");
                }
            }

            foreach (var dependency in asset.DependsOn)
            {
                if (!assets.ContainsKey(dependency.Asset)) reader.Error(dependency.Mark, $"unknown asset '{dependency.Asset}'");
                else if (dependency.Asset == asset.Name) reader.Error(dependency.Mark, "an asset cannot depend on itself");
            }
        }

        foreach (var connection in model.Connections)
        {
            string at = connection.Mark.KeyPath;
            if (!assets.ContainsKey(connection.From)) reader.Error(connection.Mark with { KeyPath = at + ".from" }, $"unknown asset '{connection.From}'");
            if (!assets.ContainsKey(connection.To)) reader.Error(connection.Mark with { KeyPath = at + ".to" }, $"unknown asset '{connection.To}'");
            if (connection.From == connection.To) reader.Error(connection.Mark, "a connection from an asset to itself");
            foreach (string control in connection.Controls.Where(c => !controls.Contains(c)))
            {
                reader.Error(connection.Mark with { KeyPath = at + ".controls" }, $"unknown control '{control}'");
            }
        }

        foreach (var threat in model.Threats)
        {
            foreach (string control in threat.StoppedBy.Where(c => !controls.Contains(c)))
            {
                reader.Error(threat.Mark with { KeyPath = threat.Mark.KeyPath + ".stopped_by" }, $"unknown control '{control}'");
            }
        }

        if (!model.Assets.Any(a => a.CrownJewel) && model.Assets.Count > 0)
        {
            reader.Error(new SourceMark(0, 0, "assets"), "no asset is marked crown_jewel: true, so there is nothing to find attack paths to");
        }

        Cycles(reader, "zone containment (inside)",
            model.Zones.Where(z => z.Inside is not null && zones.ContainsKey(z.Inside)).Select(z => (z.Name, z.Inside!, z.Mark)));
        Cycles(reader, "hard dependency (depends_on)",
            model.Assets.SelectMany(a => a.DependsOn.Where(d => d.Mode == DependencyMode.Hard && assets.ContainsKey(d.Asset) && d.Asset != a.Name)
                .Select(d => (a.Name, d.Asset, d.Mark))));
        Cycles(reader, "containment (kind: contains)",
            model.Connections.Where(c => c.Kind == ConnectionKind.Contains && assets.ContainsKey(c.From) && assets.ContainsKey(c.To) && c.From != c.To)
                .Select(c => (c.From, c.To, c.Mark)));
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).Take(20).ToList();
        return list.Count == 0 ? " (the model defines no zones)" : $" (known: {string.Join(", ", list)})";
    }

    /// <summary>Reports each cycle once, at the edge that closes it, with the cycle spelled out.</summary>
    private static void Cycles(YamlReader reader, string relation, IEnumerable<(string From, string To, SourceMark Mark)> edges)
    {
        var next = new Dictionary<string, List<(string To, SourceMark Mark)>>(StringComparer.Ordinal);
        foreach (var (from, to, mark) in edges)
        {
            if (!next.TryGetValue(from, out var list)) next[from] = list = [];
            list.Add((to, mark));
        }

        // Iterative depth-first search (models may be large; no recursion): 0 new, 1 on the stack, 2 done.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(start) != 0) continue;
            var stack = new List<(string Node, int Edge)> { (start, 0) };
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (node, edge) = stack[^1];
                var outs = next.GetValueOrDefault(node);
                if (outs is null || edge >= outs.Count)
                {
                    state[node] = 2;
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }

                stack[^1] = (node, edge + 1);
                var (to, mark) = outs[edge];
                int s = state.GetValueOrDefault(to);
                if (s == 1)
                {
                    int from = stack.FindIndex(f => f.Node == to);
                    string cycle = string.Join(" -> ", stack.Skip(from).Select(f => f.Node).Append(to));
                    reader.Error(mark, $"{relation} cycle: {cycle}");
                }
                else if (s == 0)
                {
                    state[to] = 1;
                    stack.Add((to, 0));
                }
            }
        }
    }
}
