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
        var toGoal = DistancesToGoals(goalSet, ranking);
        var first = Shortest(AttackGraph.AttackerNode, goalSet, ranking, [], [], toGoal);
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
                var spurPath = Shortest(spur, goalSet, ranking, removedEdges, removedNodes, toGoal);
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

    /// <summary>
    /// The exact distance from every node to the nearest goal (reverse Dijkstra; infinity where no goal is
    /// reachable). It is the A* heuristic of <see cref="Shortest"/>: exact on the whole graph and a lower bound once
    /// Yen's algorithm removes edges and nodes, so the searches stay optimal while exploring little more than the path.
    /// </summary>
    private double[] DistancesToGoals(HashSet<int> goals, PathRanking ranking)
    {
        var incoming = new List<int>[_graph.Nodes.Count];
        foreach (var e in _graph.Edges)
        {
            if (_blocked.Contains(e.Id)) continue;
            (incoming[e.To] ??= []).Add(e.Id);
        }

        var dist = new double[_graph.Nodes.Count];
        Array.Fill(dist, double.PositiveInfinity);
        var queue = new PriorityQueue<int, double>();
        foreach (int g in goals)
        {
            dist[g] = 0;
            queue.Enqueue(g, 0);
        }

        var done = new bool[dist.Length];
        while (queue.TryDequeue(out int v, out _))
        {
            if (done[v]) continue;
            done[v] = true;
            foreach (int ei in incoming[v] ?? [])
            {
                int u = _graph.Edges[ei].From;
                double d = dist[v] + Weight(ei, ranking);
                if (d < dist[u])
                {
                    dist[u] = d;
                    queue.Enqueue(u, d);
                }
            }
        }

        return dist;
    }

    /// <summary>A* from <paramref name="source"/> to the nearest goal, never expanding a goal.</summary>
    private List<int>? Shortest(int source, HashSet<int> goals, PathRanking ranking, HashSet<int> removedEdges, HashSet<int> removedNodes, double[] toGoal)
    {
        if (double.IsPositiveInfinity(toGoal[source])) return null;
        var dist = new Dictionary<int, double> { [source] = 0 };
        var via = new Dictionary<int, int>();
        var done = new HashSet<int>();
        // Ties on the estimate go to the node further along, so plateaus of equally good states are not all explored.
        var queue = new PriorityQueue<int, (double Estimate, double Negated)>();
        queue.Enqueue(source, (toGoal[source], 0));
        while (queue.TryDequeue(out int u, out _))
        {
            if (!done.Add(u)) continue;
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
                if (removedNodes.Contains(v) || done.Contains(v) || double.IsPositiveInfinity(toGoal[v])) continue;
                double d = dist[u] + Weight(ei, ranking);
                if (d < dist.GetValueOrDefault(v, double.PositiveInfinity))
                {
                    dist[v] = d;
                    via[v] = ei;
                    queue.Enqueue(v, (d + toGoal[v], -d));
                }
            }
        }

        return null;
    }
}
