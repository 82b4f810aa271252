using Ensuresec.Assessment.Graph;
using Ensuresec.Assessment.Model;

namespace Ensuresec.Assessment.Cascade;

/// <summary>What happens to an asset as a consequence of the starting event.</summary>
public enum CascadeState
{
    /// <summary>Stops working (a hard dependency stopped, or the container holding it stopped).</summary>
    Down,

    /// <summary>Works worse: slower, by hand, with less (a soft dependency stopped).</summary>
    Degraded,

    /// <summary>Under the attacker's control (supplied by, or held in, a compromised asset).</summary>
    Compromised,

    /// <summary>Works, but on data or goods that can no longer be trusted (it depends on a compromised asset).</summary>
    Untrusted,

    /// <summary>The attacker can go on to harm it from the compromised asset (in the attack graph).</summary>
    Threatened,
}

/// <summary>One consequence: the asset, its state, its domain, and the chain of assets it came through.</summary>
public sealed record CascadeEffect(string Asset, string Type, Domain Domain, CascadeState State, IReadOnlyList<string> Via, string Reason);

/// <summary>The consequences of one asset being down or compromised.</summary>
public sealed record CascadeResult(string Start, bool Compromised, IReadOnlyList<CascadeEffect> Effects);

/// <summary>
/// Cascading effects. Down: assets with a hard dependency on a down asset go down, those with a soft dependency
/// degrade (and degradation passes on through hard dependencies only); what a down container holds goes down.
/// Compromised: what the asset supplies or holds is compromised too; assets that depend on a compromised asset
/// receive untrusted data or goods; an attacker in control can also stop it, so its down cascade follows; and the
/// attack graph shows which further assets the attacker can go on to harm from there.
/// </summary>
public static class CascadeAnalyzer
{
    public static CascadeResult Down(ThreatModel model, string asset)
    {
        ArgumentNullException.ThrowIfNull(model);
        var effects = new List<CascadeEffect>();
        var seen = new Dictionary<string, CascadeState>(StringComparer.Ordinal) { [asset] = CascadeState.Down };
        Propagate(new ModelIndex(model), asset, CascadeState.Down, effects, seen);
        return new CascadeResult(asset, false, effects);
    }

    public static CascadeResult Compromised(ThreatModel model, string asset, AttackGraph? graph = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var index = new ModelIndex(model);
        var assets = index.Assets;
        var effects = new List<CascadeEffect>();
        var state = new Dictionary<string, CascadeState>(StringComparer.Ordinal) { [asset] = CascadeState.Compromised };
        var via = new Dictionary<string, List<string>>(StringComparer.Ordinal) { [asset] = [asset] };
        var queue = new Queue<string>();
        queue.Enqueue(asset);
        while (queue.Count > 0)
        {
            string at = queue.Dequeue();
            foreach (var c in index.Outgoing[at].Where(c => c.Kind is ConnectionKind.Supplies or ConnectionKind.Contains))
            {
                if (state.ContainsKey(c.To)) continue;
                state[c.To] = CascadeState.Compromised;
                via[c.To] = [.. via[at], c.To];
                string why = c.Kind == ConnectionKind.Supplies ? $"{at} supplies it" : $"{at} holds it";
                effects.Add(Effect(assets[c.To], CascadeState.Compromised, via[c.To], why));
                queue.Enqueue(c.To);
            }
        }

        // Everything compromised passes untrusted data or goods to what depends on it (and so on, hard or soft).
        var untrustedQueue = new Queue<string>(state.Keys);
        while (untrustedQueue.Count > 0)
        {
            string at = untrustedQueue.Dequeue();
            foreach (var (dependent, _) in index.Dependents[at])
            {
                if (state.ContainsKey(dependent.Name)) continue;
                state[dependent.Name] = CascadeState.Untrusted;
                via[dependent.Name] = [.. via[at], dependent.Name];
                string why = state[at] == CascadeState.Compromised ? "which the attacker controls" : "whose own inputs are untrusted";
                effects.Add(Effect(dependent, CascadeState.Untrusted, via[dependent.Name], $"depends on {at}, {why}"));
                untrustedQueue.Enqueue(dependent.Name);
            }
        }

        // The attacker can stop what they control: the down cascade of the compromised asset follows.
        var downSeen = new Dictionary<string, CascadeState>(StringComparer.Ordinal) { [asset] = CascadeState.Down };
        var downEffects = new List<CascadeEffect>();
        Propagate(index, asset, CascadeState.Down, downEffects, downSeen);
        effects.AddRange(downEffects.Select(e => e with { Reason = e.Reason + " (if the attacker stops " + asset + ")" }));

        if (graph is not null) effects.AddRange(Threatened(graph, asset, state, assets));
        return new CascadeResult(asset, true, effects);
    }

    private static IEnumerable<CascadeEffect> Threatened(AttackGraph graph, string asset, Dictionary<string, CascadeState> state, Dictionary<string, Asset> assets)
    {
        var start = graph.Nodes.FirstOrDefault(n => n.Kind == NodeKind.Privilege && n.Privilege == Privilege.Control && n.Element!.Asset?.Name == asset);
        if (start is null) yield break;
        var parent = new Dictionary<int, int> { [start.Id] = -1 };
        var queue = new Queue<int>();
        queue.Enqueue(start.Id);
        while (queue.Count > 0)
        {
            int n = queue.Dequeue();
            foreach (int ei in graph.Outgoing(n))
            {
                int to = graph.Edges[ei].To;
                if (parent.TryAdd(to, n)) queue.Enqueue(to);
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, _) in parent.OrderBy(kv => kv.Key))
        {
            var g = graph.Nodes[node];
            if (!g.IsHarm || g.Element!.Asset is null) continue;
            string name = g.Element.Name;
            if (state.ContainsKey(name) || !reported.Add(name)) continue;
            var chain = new List<string>();
            for (int at = node; at != -1; at = parent[at])
            {
                var e = graph.Nodes[at].Element;
                if (e?.Asset is not null && (chain.Count == 0 || chain[^1] != e.Name)) chain.Add(e.Name);
            }

            chain.Reverse();
            yield return Effect(assets[name], CascadeState.Threatened, chain, $"the attacker can go on to {g.Privilege.ToString().ToLowerInvariant()} it");
        }
    }

    private static void Propagate(ModelIndex index, string start, CascadeState startState, List<CascadeEffect> effects, Dictionary<string, CascadeState> seen)
    {
        var assets = index.Assets;
        var via = new Dictionary<string, List<string>>(StringComparer.Ordinal) { [start] = [start] };
        var states = new Dictionary<string, CascadeState>(StringComparer.Ordinal) { [start] = startState };
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            string at = queue.Dequeue();
            var atState = states[at];
            var next = new List<(Asset Asset, CascadeState State, string Why)>();
            foreach (var (dependent, d) in index.Dependents[at])
            {
                if (atState == CascadeState.Down) next.Add((dependent, d.Mode == DependencyMode.Hard ? CascadeState.Down : CascadeState.Degraded, $"{d.Mode.ToString().ToLowerInvariant()} dependency on {at}"));
                else if (d.Mode == DependencyMode.Hard) next.Add((dependent, CascadeState.Degraded, $"hard dependency on degraded {at}"));
            }

            if (atState == CascadeState.Down)
            {
                foreach (var c in index.Outgoing[at].Where(c => c.Kind == ConnectionKind.Contains))
                {
                    next.Add((assets[c.To], CascadeState.Down, $"held in {at}"));
                }
            }

            foreach (var (asset, state, why) in next)
            {
                // Down outranks degraded: an asset first degraded may later be found down through another chain.
                bool known = seen.TryGetValue(asset.Name, out var old);
                if (known && !(old == CascadeState.Degraded && state == CascadeState.Down)) continue;
                seen[asset.Name] = state;
                states[asset.Name] = state;
                via[asset.Name] = [.. via[at], asset.Name];
                if (known) effects.RemoveAll(e => e.Asset == asset.Name);
                effects.Add(Effect(asset, state, via[asset.Name], why));
                queue.Enqueue(asset.Name);
            }
        }
    }

    /// <summary>Lookups built once per analysis, so a cascade costs time in proportion to what it touches.</summary>
    private sealed class ModelIndex(ThreatModel model)
    {
        public Dictionary<string, Asset> Assets { get; } = model.Assets.ToDictionary(a => a.Name, StringComparer.Ordinal);

        public ILookup<string, (Asset Dependent, Dependency Dependency)> Dependents { get; } =
            model.Assets.SelectMany(a => a.DependsOn.Select(d => (a, d))).ToLookup(x => x.d.Asset, StringComparer.Ordinal);

        public ILookup<string, Connection> Outgoing { get; } = model.Connections.ToLookup(c => c.From, StringComparer.Ordinal);
    }

    private static CascadeEffect Effect(Asset asset, CascadeState state, IReadOnlyList<string> via, string reason) =>
        new(asset.Name, asset.Type, asset.Domain, state, via, reason);
}
