namespace Ensuresec.Assessment.Graph;

/// <summary>Weighted hitting set: choose items of least total cost so that every set has a chosen item.</summary>
internal static class HittingSet
{
    /// <summary>
    /// Branch and bound: take the unhit set with the fewest items and branch on each of its items. The bound is
    /// the cost so far plus the largest cheapest-item cost among the unhit sets (a lower bound on what remains).
    /// Returns null when the search would take more than <paramref name="maxNodes"/> nodes.
    /// </summary>
    public static IReadOnlyList<int>? Exact(List<int[]> sets, double[] costs, long maxNodes)
    {
        if (sets.Count == 0) return [];
        var greedy = Greedy(sets, costs);
        double bestCost = greedy.Sum(i => costs[i]);
        var best = greedy.ToList();
        var chosen = new List<int>();
        var isChosen = new bool[costs.Length];
        long nodes = 0;
        bool aborted = false;

        void Search(double cost)
        {
            if (aborted) return;
            if (++nodes > maxNodes)
            {
                aborted = true;
                return;
            }

            int[]? pick = null;
            double bound = 0;
            foreach (var s in sets)
            {
                if (s.Any(i => isChosen[i])) continue;
                double cheapest = s.Min(i => costs[i]);
                bound = Math.Max(bound, cheapest);
                if (pick is null || s.Length < pick.Length) pick = s;
            }

            if (pick is null)
            {
                if (cost < bestCost - 1e-9)
                {
                    bestCost = cost;
                    best = [.. chosen];
                }

                return;
            }

            if (cost + bound >= bestCost - 1e-9) return;
            foreach (int i in pick.OrderBy(i => costs[i]))
            {
                isChosen[i] = true;
                chosen.Add(i);
                Search(cost + costs[i]);
                chosen.RemoveAt(chosen.Count - 1);
                isChosen[i] = false;
                if (aborted) return;
            }
        }

        Search(0);
        return aborted ? null : best;
    }

    /// <summary>Repeatedly takes the item that hits the most unhit sets per unit of cost (free items first).</summary>
    public static IReadOnlyList<int> Greedy(List<int[]> sets, double[] costs)
    {
        var unhit = sets.ToList();
        var chosen = new List<int>();
        while (unhit.Count > 0)
        {
            var counts = new Dictionary<int, int>();
            foreach (var s in unhit)
            {
                foreach (int i in s) counts[i] = counts.GetValueOrDefault(i) + 1;
            }

            int bestItem = counts.OrderByDescending(kv => kv.Value / Math.Max(costs[kv.Key], 1e-9)).ThenBy(kv => kv.Key).First().Key;
            chosen.Add(bestItem);
            unhit.RemoveAll(s => s.Contains(bestItem));
        }

        return chosen;
    }
}
