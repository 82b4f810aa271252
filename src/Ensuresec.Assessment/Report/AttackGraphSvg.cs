using System.Globalization;
using System.Net;
using System.Text;
using Ensuresec.Assessment.Graph;

namespace Ensuresec.Assessment.Report;

/// <summary>
/// The attack graph as SVG: the states that lie on some way to a crown jewel, laid out in layers from the
/// attacker; the top paths' steps in red. Every label is escaped (model names are outside input).
/// </summary>
internal static class AttackGraphSvg
{
    /// <summary>Past this many states the drawing keeps only the states on the top paths.</summary>
    public const int MaxDrawnNodes = 150;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(AssessmentReport report)
    {
        var g = report.Graph;
        var highlighted = report.Paths.SelectMany(p => p.Paths).SelectMany(p => p.Edges).ToHashSet();
        var goals = report.Paths.SelectMany(p => g.GoalsOf(p.Jewel)).ToHashSet();
        // Paths end at the first harm to a jewel, so steps out of a goal are left out (unless a top path takes them).
        var steps = g.Edges.Where(e => !goals.Contains(e.From) || highlighted.Contains(e.Id)).ToList();
        var nodes = RelevantNodes(steps, goals);
        if (nodes.Count > MaxDrawnNodes)
        {
            nodes = [.. highlighted.SelectMany(ei => new[] { g.Edges[ei].From, g.Edges[ei].To }).Append(AttackGraph.AttackerNode).Distinct().Order()];
        }

        var nodeSet = nodes.ToHashSet();
        var edges = steps.Where(e => nodeSet.Contains(e.From) && nodeSet.Contains(e.To)).ToList();
        var layout = LayeredLayout.Compute(nodes, [.. edges.Select(e => (e.From, e.To))]);
        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" width=\"{layout.Width:0}\" height=\"{layout.Height:0}\" viewBox=\"0 0 {layout.Width:0} {layout.Height:0}\" role=\"img\" aria-label=\"attack graph\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker>");
        svg.Append("<marker id=\"arrow-hot\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c0392b\"/></marker></defs>");
        foreach (var e in edges.OrderBy(e => highlighted.Contains(e.Id)))
        {
            var (fx, fy) = layout.Positions[e.From];
            var (tx, ty) = layout.Positions[e.To];
            double x1 = fx + LayeredLayout.NodeWidth, y1 = fy + (LayeredLayout.NodeHeight / 2), x2 = tx, y2 = ty + (LayeredLayout.NodeHeight / 2);
            bool back = x2 <= x1;
            if (back)
            {
                // A backwards step: leave from the bottom and come in at the bottom, bending below the boxes.
                (x1, y1, x2, y2) = (fx + (LayeredLayout.NodeWidth / 2), fy + LayeredLayout.NodeHeight, tx + (LayeredLayout.NodeWidth / 2), ty + LayeredLayout.NodeHeight);
            }

            double bend = back ? 40 : Math.Max(30, (x2 - x1) / 2);
            string d = back
                ? string.Create(Inv, $"M{x1:0.#},{y1:0.#} C{x1:0.#},{y1 + bend:0.#} {x2:0.#},{y2 + bend:0.#} {x2:0.#},{y2:0.#}")
                : string.Create(Inv, $"M{x1:0.#},{y1:0.#} C{x1 + bend:0.#},{y1:0.#} {x2 - bend:0.#},{y2:0.#} {x2:0.#},{y2:0.#}");
            bool hot = highlighted.Contains(e.Id);
            string cls = hot ? "edge hot" : e.Kind is EdgeKind.Threat or EdgeKind.Weakness ? "edge threat" : "edge fact";
            svg.Append(Inv, $"<path class=\"{cls}\" d=\"{d}\" marker-end=\"url(#{(hot ? "arrow-hot" : "arrow")})\"><title>{Esc(e.Label)} (likelihood {e.Likelihood:0.###}, effort {e.Effort:0.#})</title></path>");
        }

        foreach (int n in nodes)
        {
            var node = g.Nodes[n];
            var (x, y) = layout.Positions[n];
            string cls = n == AttackGraph.AttackerNode ? "node attacker" : goals.Contains(n) ? "node goal" : node.Kind == NodeKind.Data ? "node data" : "node";
            string label = node.Label.Length > 30 ? node.Label[..29] + "…" : node.Label;
            svg.Append(Inv, $"<g class=\"{cls}\"><title>{Esc(node.Label)}</title><rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{LayeredLayout.NodeWidth:0}\" height=\"{LayeredLayout.NodeHeight:0}\" rx=\"6\"/>");
            svg.Append(Inv, $"<text x=\"{x + 8:0.#}\" y=\"{y + 23:0.#}\">{Esc(label)}</text></g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>States on some way from the attacker to a crown-jewel goal: reachable forwards and backwards.</summary>
    private static List<int> RelevantNodes(List<GraphEdge> steps, HashSet<int> goals)
    {
        var forward = Closure([AttackGraph.AttackerNode], steps.ToLookup(e => e.From, e => e.To));
        var backward = Closure(goals.Where(forward.Contains), steps.ToLookup(e => e.To, e => e.From));
        return [.. forward.Intersect(backward).Append(AttackGraph.AttackerNode).Distinct().Order()];
    }

    private static HashSet<int> Closure(IEnumerable<int> start, ILookup<int, int> next)
    {
        var seen = new HashSet<int>(start);
        var queue = new Queue<int>(seen);
        while (queue.Count > 0)
        {
            foreach (int m in next[queue.Dequeue()])
            {
                if (seen.Add(m)) queue.Enqueue(m);
            }
        }

        return seen;
    }

    internal static string Esc(string text) => WebUtility.HtmlEncode(text);
}
