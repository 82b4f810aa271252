namespace Ensuresec.Assessment.Report;

/// <summary>
/// A layered (Sugiyama-style) drawing of a directed graph: cycles broken by reversing depth-first back edges,
/// layers by longest path from the sources, order within a layer by repeated barycentre sweeps to reduce
/// crossings, then a grid of coordinates. Long edges get no dummy nodes; they are drawn as curves.
/// </summary>
internal sealed class LayeredLayout
{
    public const double ColumnWidth = 230;
    public const double RowHeight = 56;
    public const double NodeWidth = 190;
    public const double NodeHeight = 36;
    public const double Margin = 24;

    private LayeredLayout(Dictionary<int, (double X, double Y)> positions, HashSet<(int, int)> reversed, double width, double height)
    {
        Positions = positions;
        Reversed = reversed;
        Width = width;
        Height = height;
    }

    /// <summary>Top-left corner of each node's box.</summary>
    public IReadOnlyDictionary<int, (double X, double Y)> Positions { get; }

    /// <summary>Edges that point backwards (they close a cycle).</summary>
    public IReadOnlySet<(int From, int To)> Reversed { get; }

    public double Width { get; }

    public double Height { get; }

    /// <param name="nodes">Node ids in a stable order; the first is the root (the attacker).</param>
    public static LayeredLayout Compute(IReadOnlyList<int> nodes, IReadOnlyList<(int From, int To)> edges)
    {
        var outs = nodes.ToDictionary(n => n, _ => new List<int>());
        foreach (var (f, t) in edges)
        {
            if (outs.ContainsKey(f) && outs.ContainsKey(t) && f != t) outs[f].Add(t);
        }

        var reversed = BackEdges(nodes, outs);
        var dag = nodes.ToDictionary(n => n, _ => new List<int>());
        var ins = nodes.ToDictionary(n => n, _ => new List<int>());
        foreach (var (f, list) in outs)
        {
            foreach (int t in list)
            {
                var (a, b) = reversed.Contains((f, t)) ? (t, f) : (f, t);
                dag[a].Add(b);
                ins[b].Add(a);
            }
        }

        // Longest-path layering in topological order (Kahn).
        var layer = nodes.ToDictionary(n => n, _ => 0);
        var indegree = nodes.ToDictionary(n => n, n => ins[n].Count);
        var queue = new Queue<int>(nodes.Where(n => indegree[n] == 0));
        while (queue.Count > 0)
        {
            int n = queue.Dequeue();
            foreach (int m in dag[n])
            {
                layer[m] = Math.Max(layer[m], layer[n] + 1);
                if (--indegree[m] == 0) queue.Enqueue(m);
            }
        }

        int layers = nodes.Count == 0 ? 0 : layer.Values.Max() + 1;
        var rows = Enumerable.Range(0, layers).Select(l => nodes.Where(n => layer[n] == l).ToList()).ToList();
        var order = new Dictionary<int, double>();
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Count; i++) order[row[i]] = i;
        }

        for (int sweep = 0; sweep < 8; sweep++)
        {
            bool down = sweep % 2 == 0;
            var range = down ? Enumerable.Range(1, Math.Max(0, layers - 1)) : Enumerable.Range(0, Math.Max(0, layers - 1)).Reverse();
            foreach (int l in range)
            {
                var row = rows[l];
                var bary = row.ToDictionary(n => n, n =>
                {
                    var neighbours = (down ? ins[n] : dag[n]).Where(order.ContainsKey).ToList();
                    return neighbours.Count == 0 ? order[n] : neighbours.Average(m => order[m]);
                });
                row.Sort((a, b) => bary[a] != bary[b] ? bary[a].CompareTo(bary[b]) : order[a].CompareTo(order[b]));
                for (int i = 0; i < row.Count; i++) order[row[i]] = i;
            }
        }

        int widest = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var positions = new Dictionary<int, (double, double)>();
        for (int l = 0; l < layers; l++)
        {
            double offset = (widest - rows[l].Count) * RowHeight / 2;
            for (int i = 0; i < rows[l].Count; i++) positions[rows[l][i]] = (Margin + (l * ColumnWidth), Margin + offset + (i * RowHeight));
        }

        return new LayeredLayout(positions, reversed, (2 * Margin) + (Math.Max(layers - 1, 0) * ColumnWidth) + NodeWidth, (2 * Margin) + (Math.Max(widest, 1) * RowHeight));
    }

    /// <summary>Edges to a node still on the depth-first stack (iterative, from each unvisited node in order).</summary>
    private static HashSet<(int, int)> BackEdges(IReadOnlyList<int> nodes, Dictionary<int, List<int>> outs)
    {
        var back = new HashSet<(int, int)>();
        var state = new Dictionary<int, int>();
        foreach (int root in nodes)
        {
            if (state.ContainsKey(root)) continue;
            var stack = new List<(int Node, int Next)> { (root, 0) };
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (n, next) = stack[^1];
                if (next >= outs[n].Count)
                {
                    state[n] = 2;
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }

                stack[^1] = (n, next + 1);
                int m = outs[n][next];
                int s = state.GetValueOrDefault(m);
                if (s == 1) back.Add((n, m));
                else if (s == 0)
                {
                    state[m] = 1;
                    stack.Add((m, 0));
                }
            }
        }

        return back;
    }
}
