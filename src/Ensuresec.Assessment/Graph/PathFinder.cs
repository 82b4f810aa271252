namespace Ensuresec.Assessment.Graph;

/// <summary>
/// Paths in an attack graph. A path's likelihood is the product of its steps' likelihoods (steps are taken as
/// independent) and its effort the sum of theirs. A path ends at the first harm it does to the crown jewel it
/// targets: control of a database is one path, not also the start of a second path to reading it.
/// </summary>
public sealed class PathFinder
{
    private readonly AttackGraph _graph;
    private readonly IReadOnlySet<int> _blocked;

    /// <param name="blocked">Edge ids to leave out (steps stopped by chosen controls).</param>
    public PathFinder(AttackGraph graph, IReadOnlySet<int>? blocked = null)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _blocked = blocked ?? new HashSet<int>();
    }

    /// <summary>The best <paramref name="k"/> simple paths to any of <paramref name="goals"/> (Yen's algorithm).</summary>
    public IReadOnlyList<AttackPath> BestPaths(IReadOnlyList<int> goals, int k, PathRanking ranking)
    {
        var goalSet = goals.ToHashSet();
        var found = new List<AttackPath>();
        if (goalSet.Count == 0 || k <= 0) return found;
        var first = Shortest(AttackGraph.AttackerNode, goalSet, ranking, [], []);
        if (first is null) return found;
        found.Add(Make(first));
        var candidates = new List<List<int>>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { Key(first) };
        while (found.Count < k)
        {
            var last = found[^1].Edges;
            var nodes = NodesOf(last);
            for (int i = 0; i < last.Count; i++)
            {
                int spur = nodes[i];
                var root = last.Take(i).ToList();
                var removedEdges = new HashSet<int>();
                foreach (var p in found)
                {
                    if (p.Edges.Count > i && p.Edges.Take(i).SequenceEqual(root)) removedEdges.Add(p.Edges[i]);
                }

                foreach (var c in candidates)
                {
                    if (c.Count > i && c.Take(i).SequenceEqual(root)) removedEdges.Add(c[i]);
                }

                var removedNodes = nodes.Take(i).ToHashSet();
                var spurPath = Shortest(spur, goalSet, ranking, removedEdges, removedNodes);
                if (spurPath is null) continue;
                var total = root.Concat(spurPath).ToList();
                if (seen.Add(Key(total))) candidates.Add(total);
            }

            if (candidates.Count == 0) break;
            var best = candidates.OrderBy(c => Cost(c, ranking)).ThenBy(Key, StringComparer.Ordinal).First();
            candidates.Remove(best);
            found.Add(Make(best));
        }

        return found;
    }

    /// <summary>The likeliest path's likelihood to every node (0 where unreachable), goals not treated as ends.</summary>
    public double[] BestLikelihoods()
    {
        var best = new double[_graph.Nodes.Count];
        best[AttackGraph.AttackerNode] = 1;
        var queue = new PriorityQueue<int, double>();
        queue.Enqueue(AttackGraph.AttackerNode, -1);
        var done = new bool[best.Length];
        while (queue.TryDequeue(out int n, out _))
        {
            if (done[n]) continue;
            done[n] = true;
            foreach (int ei in _graph.Outgoing(n))
            {
                if (_blocked.Contains(ei)) continue;
                var e = _graph.Edges[ei];
                double p = best[n] * e.Likelihood;
                if (p > best[e.To])
                {
                    best[e.To] = p;
                    queue.Enqueue(e.To, -p);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Every simple path to one of <paramref name="goals"/> with likelihood at least <paramref name="minLikelihood"/>,
    /// up to <paramref name="maxPaths"/> paths and <paramref name="maxSteps"/> search steps; truncated says whether a
    /// limit cut the search short.
    /// </summary>
    public (List<AttackPath> Paths, bool Truncated) PathsAbove(IReadOnlyList<int> goals, double minLikelihood, int maxPaths, long maxSteps)
    {
        var goalSet = goals.ToHashSet();
        var paths = new List<AttackPath>();
        if (goalSet.Count == 0) return (paths, false);
        var onPath = new bool[_graph.Nodes.Count];
        var edges = new List<int>();
        var stack = new List<(int Node, int Next, double P, double Effort)> { (AttackGraph.AttackerNode, 0, 1, 0) };
        onPath[AttackGraph.AttackerNode] = true;
        long steps = 0;
        while (stack.Count > 0)
        {
            if (++steps > maxSteps || paths.Count >= maxPaths) return (paths, true);
            var (node, next, p, effort) = stack[^1];
            var outs = _graph.Outgoing(node);
            if (next >= outs.Count || goalSet.Contains(node))
            {
                onPath[node] = false;
                stack.RemoveAt(stack.Count - 1);
                if (edges.Count > 0) edges.RemoveAt(edges.Count - 1);
                continue;
            }

            stack[^1] = (node, next + 1, p, effort);
            int ei = outs[next];
            if (_blocked.Contains(ei)) continue;
            var e = _graph.Edges[ei];
            double q = p * e.Likelihood;
            if (onPath[e.To] || q < minLikelihood) continue;
            if (goalSet.Contains(e.To))
            {
                paths.Add(new AttackPath([.. edges, ei], q, effort + e.Effort, e.To));
                continue;
            }

            onPath[e.To] = true;
            edges.Add(ei);
            stack.Add((e.To, 0, q, effort + e.Effort));
        }

        return (paths, false);
    }

    private AttackPath Make(List<int> edges)
    {
        double p = 1, effort = 0;
        foreach (int ei in edges)
        {
            p *= _graph.Edges[ei].Likelihood;
            effort += _graph.Edges[ei].Effort;
        }

        return new AttackPath(edges, p, effort, _graph.Edges[edges[^1]].To);
    }

    private List<int> NodesOf(IReadOnlyList<int> edges)
    {
        var nodes = new List<int> { AttackGraph.AttackerNode };
        nodes.AddRange(edges.Select(ei => _graph.Edges[ei].To));
        return nodes;
    }

    private double Weight(int ei, PathRanking ranking)
    {
        var e = _graph.Edges[ei];
        double surprise = -Math.Log(Math.Max(e.Likelihood, 1e-12));
        // Ties broken by the other measure, so the ranking is deterministic and sensible.
        return ranking == PathRanking.Likelihood ? surprise + (e.Effort * 1e-6) : e.Effort + (surprise * 1e-6);
    }

    private double Cost(List<int> edges, PathRanking ranking) => edges.Sum(ei => Weight(ei, ranking));

    private static string Key(List<int> edges) => string.Join(',', edges);

    /// <summary>Dijkstra from <paramref name="source"/> to the nearest goal, never expanding a goal.</summary>
    private List<int>? Shortest(int source, HashSet<int> goals, PathRanking ranking, HashSet<int> removedEdges, HashSet<int> removedNodes)
    {
        int n = _graph.Nodes.Count;
        var dist = new double[n];
        Array.Fill(dist, double.PositiveInfinity);
        var via = new int[n];
        Array.Fill(via, -1);
        var done = new bool[n];
        dist[source] = 0;
        var queue = new PriorityQueue<int, double>();
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out int u, out _))
        {
            if (done[u]) continue;
            done[u] = true;
            if (goals.Contains(u) && u != source)
            {
                var path = new List<int>();
                for (int at = u; at != source; at = _graph.Edges[via[at]].From) path.Add(via[at]);
                path.Reverse();
                return path;
            }

            if (goals.Contains(u)) continue;
            foreach (int ei in _graph.Outgoing(u))
            {
                if (_blocked.Contains(ei) || removedEdges.Contains(ei)) continue;
                int v = _graph.Edges[ei].To;
                if (removedNodes.Contains(v) || done[v]) continue;
                double d = dist[u] + Weight(ei, ranking);
                if (d < dist[v])
                {
                    dist[v] = d;
                    via[v] = ei;
                    queue.Enqueue(v, d);
                }
            }
        }

        return null;
    }
}
