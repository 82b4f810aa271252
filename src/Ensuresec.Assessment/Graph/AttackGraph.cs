using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Threats;

namespace Ensuresec.Assessment.Graph;

public enum NodeKind
{
    /// <summary>The attacker before the first step.</summary>
    Attacker,

    /// <summary>The attacker holds a privilege on an element.</summary>
    Privilege,

    /// <summary>The attacker holds a class of data (stolen cards, credentials) wherever it came from.</summary>
    Data,
}

/// <summary>A state of the attack: the attacker, (element, privilege) or a held data class.</summary>
public sealed record GraphNode(int Id, NodeKind Kind, Element? Element, Privilege Privilege, string? DataClass)
{
    public string Label => Kind switch
    {
        NodeKind.Attacker => "attacker",
        NodeKind.Data => $"holds {DataClass}",
        _ => $"{Privilege.ToString().ToLowerInvariant()} {Element!.Name}",
    };

    /// <summary>Whether reaching this node harms its element (confidentiality, integrity, availability or full control).</summary>
    public bool IsHarm => Kind == NodeKind.Privilege && Privilege is Privilege.Control or Privilege.Disclose or Privilege.Tamper or Privilege.Deny;
}

public enum EdgeKind
{
    Entry,
    Implied,
    Connection,
    Data,
    Threat,
    Weakness,
}

/// <summary>A control that could be put on an element: the unit the control selection chooses.</summary>
public readonly record struct CandidateControl(string ControlId, int Element);

/// <summary>
/// One step of an attack. Threat and weakness steps carry the controls that would stop them
/// (<see cref="Stoppers"/>); entry, implied, connection and data steps are facts of the model and stop nothing.
/// </summary>
public sealed record GraphEdge(
    int Id,
    int From,
    int To,
    EdgeKind Kind,
    double Likelihood,
    double Effort,
    string Label,
    string? ThreatId,
    string? Attack,
    IReadOnlyList<CandidateControl> Stoppers);

/// <summary>The attack graph: nodes, edges and the goals (harm to each crown jewel).</summary>
public sealed class AttackGraph
{
    private readonly List<int>[] _out;

    public AttackGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, ElementSet elements)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        Nodes = nodes;
        Edges = edges;
        Elements = elements;
        _out = new List<int>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++) _out[i] = [];
        foreach (var e in edges) _out[e.From].Add(e.Id);
    }

    public IReadOnlyList<GraphNode> Nodes { get; }

    public IReadOnlyList<GraphEdge> Edges { get; }

    public ElementSet Elements { get; }

    public const int AttackerNode = 0;

    public IReadOnlyList<int> Outgoing(int node) => _out[node];

    /// <summary>The harm nodes on a crown jewel: reaching any of them is an attack on it.</summary>
    public IReadOnlyList<int> GoalsOf(Element jewel) =>
        [.. Nodes.Where(n => n.IsHarm && n.Element == jewel).Select(n => n.Id)];
}
