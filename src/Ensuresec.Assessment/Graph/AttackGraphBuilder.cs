using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Threats;

namespace Ensuresec.Assessment.Graph;

/// <summary>
/// Builds the attack graph from a model and its threats. The rules (docs/ASSESSMENT.md, "How the attack graph is
/// built"): exposed elements are reachable; control implies use, use implies reach, and control implies every
/// harm; connections carry privileges (network and physical: control of one end reaches the other; uses: control
/// of a person or system gives use of what it uses; supplies and contains: control passes on, and a stopped or
/// tampered container stops or spoils what it holds); disclosure of an element holding a data class gives that data; every open
/// threat and known weakness is a step. Only the part reachable by the attacker is kept.
/// </summary>
public static class AttackGraphBuilder
{
    /// <summary>Exploitability 3.887 (AV:N/AC:L/PR:N/UI:N) is the CVSS maximum; it maps to this likelihood.</summary>
    public const double MaxCveLikelihood = 0.9;

    public static AttackGraph Build(ThreatModel model, ElementSet elements, IReadOnlyList<ThreatInstance> threats)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(threats);
        var b = new Builder();
        foreach (var e in elements.All.Where(e => e.Exposed)) b.Edge(-1, Privilege.Reach, e, EdgeKind.Entry, 1, 0, "exposed");

        foreach (var e in elements.All)
        {
            b.Edge(e, Privilege.Control, e, Privilege.User, EdgeKind.Implied, "controls it, so can use it");
            b.Edge(e, Privilege.User, e, Privilege.Reach, EdgeKind.Implied, "uses it, so can reach it");
            foreach (var harm in new[] { Privilege.Disclose, Privilege.Tamper, Privilege.Deny })
            {
                b.Edge(e, Privilege.Control, e, harm, EdgeKind.Implied, "full control");
            }

            foreach (string data in e.Data) b.DataEdge(e, data);
        }

        foreach (var c in model.Connections)
        {
            var from = elements.Asset(c.From);
            var to = elements.Asset(c.To);
            switch (c.Kind)
            {
                case ConnectionKind.Network or ConnectionKind.Physical:
                    string how = c.Kind == ConnectionKind.Network ? "connected to" : "physically near";
                    b.Edge(from, Privilege.Control, to, Privilege.Reach, EdgeKind.Connection, $"{how} {to.Name}");
                    b.Edge(to, Privilege.Control, from, Privilege.Reach, EdgeKind.Connection, $"{how} {from.Name}");
                    break;
                case ConnectionKind.Uses:
                    b.Edge(from, Privilege.Control, to, Privilege.User, EdgeKind.Connection, $"acts as {from.Name} on {to.Name}");
                    break;
                case ConnectionKind.Supplies:
                    b.Edge(from, Privilege.Control, to, Privilege.Control, EdgeKind.Connection, $"{from.Name} supplies {to.Name}");
                    break;
                case ConnectionKind.Contains:
                    b.Edge(from, Privilege.Control, to, Privilege.Control, EdgeKind.Connection, $"{from.Name} holds {to.Name}");
                    b.Edge(from, Privilege.Deny, to, Privilege.Deny, EdgeKind.Connection, $"{from.Name} stopped, so is {to.Name}");
                    b.Edge(from, Privilege.Tamper, to, Privilege.Tamper, EdgeKind.Connection, $"{to.Name} held in tampered {from.Name}");
                    break;
            }
        }

        // Flows: whoever controls either end is on the path; tampered data in transit arrives tampered.
        foreach (var flow in elements.All.Where(e => e.Flow is not null))
        {
            var from = elements.Asset(flow.Flow!.From);
            var to = elements.Asset(flow.Flow.To);
            b.Edge(from, Privilege.Control, flow, Privilege.Reach, EdgeKind.Connection, "on the path of the flow");
            b.Edge(to, Privilege.Control, flow, Privilege.Reach, EdgeKind.Connection, "on the path of the flow");
            b.Edge(flow, Privilege.Tamper, to, Privilege.Tamper, EdgeKind.Connection, $"{to.Name} receives tampered data");
        }

        foreach (var t in threats.Where(t => !t.Mitigated && t.Likelihood > 0))
        {
            var stoppers = t.StoppedBy.Select(c => new CandidateControl(c, t.Element.Index)).ToList();
            string label = t.KnownWeakness ? $"{t.Threat.Name} (known weakness)" : t.Threat.Name;
            if (t.Threat.RequiresData is { } data)
            {
                b.Edge(b.DataNode(data), b.Node(t.Target, t.Threat.Effect), EdgeKind.Threat, t.Likelihood, t.Threat.Effort, label, t.Threat.Id, t.Threat.Attack, stoppers);
            }
            else
            {
                b.Edge(b.Node(t.Element, t.Threat.Requires), b.Node(t.Target, t.Threat.Effect), EdgeKind.Threat, t.Likelihood, t.Threat.Effort, label, t.Threat.Id, t.Threat.Attack, stoppers);
            }
        }

        foreach (var asset in elements.Assets)
        {
            foreach (var w in asset.Asset!.Weaknesses.Where(w => w.Cvss is not null)) CveSteps(b, asset, w);
        }

        return b.Reachable(elements);
    }

    /// <summary>
    /// A CVE is a step from reach (no privileges required) or use (PR:L or PR:H) to the harms its vector scores:
    /// control when both confidentiality and integrity impacts are high, otherwise each impact that is not none.
    /// Its likelihood is the exploitability sub-score scaled to at most <see cref="MaxCveLikelihood"/>, its effort
    /// falls as exploitability rises. It is stopped by fixing it or by the controls the weakness lists.
    /// </summary>
    private static void CveSteps(Builder b, Element asset, Weakness w)
    {
        var v = w.Cvss!;
        var from = b.Node(asset, v.Get("PR") == "N" ? Privilege.Reach : Privilege.User);
        double likelihood = Math.Round(Math.Min(1, v.Exploitability / 3.887) * MaxCveLikelihood, 3);
        double effort = Math.Round(1 + ((3.887 - v.Exploitability) * 2), 1);
        var stoppers = new List<CandidateControl> { new(w.FixControlId, asset.Index) };
        stoppers.AddRange(w.StoppedBy.Select(c => new CandidateControl(c, asset.Index)));
        string label = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"exploit {w.Cve} (CVSS {v.BaseScore:0.0})");
        var effects = new List<Privilege>();
        if (v.Get("C") == "H" && v.Get("I") == "H") effects.Add(Privilege.Control);
        else
        {
            if (v.Get("C") != "N") effects.Add(Privilege.Disclose);
            if (v.Get("I") != "N") effects.Add(Privilege.Tamper);
        }

        if (v.Get("A") != "N" && !effects.Contains(Privilege.Control)) effects.Add(Privilege.Deny);
        foreach (var effect in effects) b.Edge(from, b.Node(asset, effect), EdgeKind.Weakness, likelihood, effort, label, w.Cve, null, stoppers);
    }

    private sealed class Builder
    {
        private readonly List<(NodeKind Kind, Element? Element, Privilege Privilege, string? Data)> _nodes = [(NodeKind.Attacker, null, Privilege.Control, null)];
        private readonly Dictionary<(int, Privilege), int> _privilegeNodes = [];
        private readonly Dictionary<string, int> _dataNodes = new(StringComparer.Ordinal);
        private readonly List<(int From, int To, EdgeKind Kind, double P, double Effort, string Label, string? Threat, string? Attack, IReadOnlyList<CandidateControl> Stoppers)> _edges = [];

        public int Node(Element e, Privilege p)
        {
            if (_privilegeNodes.TryGetValue((e.Index, p), out int id)) return id;
            _nodes.Add((NodeKind.Privilege, e, p, null));
            return _privilegeNodes[(e.Index, p)] = _nodes.Count - 1;
        }

        public int DataNode(string data)
        {
            if (_dataNodes.TryGetValue(data, out int id)) return id;
            _nodes.Add((NodeKind.Data, null, Privilege.Disclose, data));
            return _dataNodes[data] = _nodes.Count - 1;
        }

        public void DataEdge(Element e, string data) =>
            Edge(Node(e, Privilege.Disclose), DataNode(data), EdgeKind.Data, 1, 0, $"{data} read from {e.Name}", null, null, []);

        public void Edge(int attacker, Privilege p, Element to, EdgeKind kind, double likelihood, double effort, string label) =>
            Edge(attacker == -1 ? AttackGraph.AttackerNode : attacker, Node(to, p), kind, likelihood, effort, label, null, null, []);

        public void Edge(Element from, Privilege fp, Element to, Privilege tp, EdgeKind kind, string label) =>
            Edge(Node(from, fp), Node(to, tp), kind, 1, 0, label, null, null, []);

        public void Edge(int from, int to, EdgeKind kind, double p, double effort, string label, string? threat, string? attack, IReadOnlyList<CandidateControl> stoppers)
        {
            if (from != to) _edges.Add((from, to, kind, p, effort, label, threat, attack, stoppers));
        }

        /// <summary>Keeps what the attacker can reach, renumbered in discovery order so the graph is deterministic.</summary>
        public AttackGraph Reachable(ElementSet elements)
        {
            var outgoing = _edges.Select((e, i) => (e, i)).ToLookup(x => x.e.From, x => x.i);
            var newId = new Dictionary<int, int> { [AttackGraph.AttackerNode] = 0 };
            var queue = new Queue<int>();
            queue.Enqueue(AttackGraph.AttackerNode);
            while (queue.Count > 0)
            {
                int n = queue.Dequeue();
                foreach (int ei in outgoing[n])
                {
                    int to = _edges[ei].To;
                    if (newId.ContainsKey(to)) continue;
                    newId[to] = newId.Count;
                    queue.Enqueue(to);
                }
            }

            var nodes = newId.OrderBy(kv => kv.Value)
                .Select(kv => new GraphNode(kv.Value, _nodes[kv.Key].Kind, _nodes[kv.Key].Element, _nodes[kv.Key].Privilege, _nodes[kv.Key].Data))
                .ToList();
            var edges = new List<GraphEdge>();
            foreach (var e in _edges)
            {
                if (!newId.TryGetValue(e.From, out int from) || !newId.TryGetValue(e.To, out int to)) continue;
                edges.Add(new GraphEdge(edges.Count, from, to, e.Kind, e.P, e.Effort, e.Label, e.Threat, e.Attack, e.Stoppers));
            }

            return new AttackGraph(nodes, edges, elements);
        }
    }
}
