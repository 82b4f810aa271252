namespace Ensuresec.Assessment.Report;

/// <summary>
/// A layered (Sugiyama-style) drawing of a directed graph: layers by breadth-first distance from the root,
/// order within a layer by repeated barycentre sweeps over the forward edges to reduce crossings, then a grid of
/// coordinates. Edges that skip layers get no dummy nodes (they are drawn as curves); edges that do not go
/// forward are listed in <see cref="Reversed"/> and drawn below the boxes.
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

    /// <summary>Edges that do not go to a later layer (back or sideways).</summary>
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

        // Layers by breadth-first distance from the root: each state sits where the attacker can first get to it,
        // so the drawing reads left to right as the attack's progress. Edges that do not go to a later layer
        // (back or sideways) are drawn apart and left out of the ordering.
        var layer = nodes.ToDictionary(n => n, _ => -1);
        var queue = new Queue<int>();
        if (nodes.Count > 0)
        {
            layer[nodes[0]] = 0;
            queue.Enqueue(nodes[0]);
        }

        while (queue.Count > 0)
        {
            int n = queue.Dequeue();
            foreach (int m in outs[n].Where(m => layer[m] < 0))
            {
                layer[m] = layer[n] + 1;
                queue.Enqueue(m);
            }
        }

        int unreachedLayer = layer.Values.DefaultIfEmpty(0).Max() + 1;
        foreach (int n in nodes.Where(n => layer[n] < 0)) layer[n] = unreachedLayer;
        var reversed = new HashSet<(int, int)>();
        var dag = nodes.ToDictionary(n => n, _ => new List<int>());
        var ins = nodes.ToDictionary(n => n, _ => new List<int>());
        foreach (var (f, list) in outs)
        {
            foreach (int t in list)
            {
                if (layer[t] <= layer[f])
                {
                    reversed.Add((f, t));
                    continue;
                }

                dag[f].Add(t);
                ins[t].Add(f);
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
}
