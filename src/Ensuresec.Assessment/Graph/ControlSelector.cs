using Ensuresec.Assessment.Model;

namespace Ensuresec.Assessment.Graph;

/// <summary>
/// Chooses the cheapest set of controls that cuts every attack path whose risk (likelihood × impact of the jewel
/// harmed) reaches the threshold. Each path must contain a step stopped by a chosen control on the step's
/// element: a weighted hitting set over the paths. When the reduced problem is small the search is exact
/// (branch and bound, proven minimum cost); past <see cref="MaxExactNodes"/> search nodes it falls back to the
/// greedy cover (most paths cut per unit of cost first, within a logarithmic factor of the minimum).
/// </summary>
public sealed class ControlSelector
{
    public const int MaxPaths = 20_000;

    public const long MaxSearchSteps = 5_000_000;

    public const long MaxExactNodes = 200_000;

    /// <summary>Rounds of search and selection when the search is cut short by its limits.</summary>
    public const int MaxRounds = 8;

    /// <summary>Past this many distinct path sets the exact search is not tried (each search node scans them all).</summary>
    public const int MaxExactSets = 2_000;

    private readonly AttackGraph _graph;
    private readonly Func<string, double> _cost;
    private readonly Func<string, string> _name;

    /// <param name="cost">The cost of a control id (catalogue cost, or a weakness's fix cost).</param>
    /// <param name="name">The readable name of a control id.</param>
    public ControlSelector(AttackGraph graph, Func<string, double> cost, Func<string, string> name)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _cost = cost ?? throw new ArgumentNullException(nameof(cost));
        _name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>The edges a set of controls stops.</summary>
    public HashSet<int> BlockedBy(IReadOnlySet<CandidateControl> chosen) =>
        [.. _graph.Edges.Where(e => e.Stoppers.Any(chosen.Contains)).Select(e => e.Id)];

    /// <summary>Every path above the threshold to any crown jewel, with the blocked edges left out.</summary>
    public (List<AttackPath> Paths, bool Truncated) PathsAbove(double threshold, IReadOnlySet<int> blocked)
    {
        var finder = new PathFinder(_graph, blocked);
        var all = new List<AttackPath>();
        bool truncated = false;
        var jewels = _graph.Elements.Assets.Where(e => e.CrownJewel).ToList();
        // One search budget for all jewels together, so a model with many jewels cannot multiply it.
        long stepsPerJewel = Math.Max(MaxSearchSteps / Math.Max(jewels.Count, 1), 50_000);
        foreach (var jewel in jewels)
        {
            var (paths, cut) = finder.PathsAbove(_graph.GoalsOf(jewel), threshold / jewel.Impact, MaxPaths - all.Count, stepsPerJewel);
            all.AddRange(paths);
            truncated |= cut;
            if (all.Count >= MaxPaths) break;
        }

        return (all, truncated);
    }

    public ControlPlan Select(double threshold)
    {
        var chosen = new HashSet<CandidateControl>();
        var uncuttable = new List<AttackPath>();
        var uncuttableKeys = new HashSet<string>(StringComparer.Ordinal);
        bool exact = true, truncatedEver = false;
        int firstCount = -1;

        // One round when the enumeration is complete; more when a limit cut it short (then the plan is greedy
        // across rounds, but still cuts every path it finds, until none above the threshold is left).
        for (int round = 0; round < MaxRounds; round++)
        {
            var (paths, truncated) = PathsAbove(threshold, BlockedBy(chosen));
            if (firstCount < 0) firstCount = paths.Count;
            truncatedEver |= truncated;
            var sets = new List<CandidateControl[]>();
            foreach (var p in paths)
            {
                var set = p.Edges.SelectMany(ei => _graph.Edges[ei].Stoppers).Distinct().ToArray();
                if (set.Length == 0)
                {
                    if (uncuttableKeys.Add(string.Join(',', p.Edges))) uncuttable.Add(p);
                }
                else
                {
                    sets.Add(set);
                }
            }

            if (sets.Count == 0) break;
            var (picked, isExact) = Solve(sets);
            exact &= isExact && !truncated;
            chosen.UnionWith(picked);
            if (!truncated) break;
        }

        var (allPaths, _) = PathsAbove(threshold, new HashSet<int>());
        var cuts = new Dictionary<CandidateControl, int>();
        foreach (var p in allPaths)
        {
            foreach (var c in p.Edges.SelectMany(ei => _graph.Edges[ei].Stoppers).Distinct().Where(chosen.Contains))
            {
                cuts[c] = cuts.GetValueOrDefault(c) + 1;
            }
        }

        var controls = chosen
            .Select(c => new ChosenControl(c, _name(c.ControlId), _graph.Elements.All[c.Element].Name, _cost(c.ControlId), cuts.GetValueOrDefault(c)))
            .OrderByDescending(c => c.PathsCut).ThenBy(c => c.Cost).ThenBy(c => c.ControlName, StringComparer.Ordinal).ThenBy(c => c.ElementName, StringComparer.Ordinal)
            .ToList();
        string method = controls.Count == 0 ? "none needed" : exact ? "exact (branch and bound, proven minimum)" : "greedy cover";
        return new ControlPlan(controls, controls.Sum(c => c.Cost), method, Math.Max(firstCount, 0), uncuttable, truncatedEver);
    }

    /// <summary>Minimum-cost hitting set of <paramref name="sets"/>: exact when small enough, greedy otherwise.</summary>
    internal (IReadOnlyList<CandidateControl> Chosen, bool Exact) Solve(List<CandidateControl[]> sets)
    {
        var candidates = sets.SelectMany(s => s).Distinct()
            .OrderBy(c => _cost(c.ControlId)).ThenBy(c => c.ControlId, StringComparer.Ordinal).ThenBy(c => c.Element).ToList();
        var index = candidates.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var costs = candidates.Select(c => _cost(c.ControlId)).ToArray();
        var reduced = Reduce(sets.Select(s => s.Select(c => index[c]).Order().ToArray()).ToList());
        var exact = reduced.Count <= MaxExactSets ? HittingSet.Exact(reduced, costs, MaxExactNodes) : null;
        var picked = exact ?? HittingSet.Greedy(reduced, costs);
        return ([.. picked.Select(i => candidates[i])], exact is not null);
    }

    /// <summary>Drops duplicate sets and any set that contains another (hitting the smaller one hits it too).</summary>
    private static List<int[]> Reduce(List<int[]> sets)
    {
        var unique = sets.Select(s => (Key: string.Join(',', s), Set: s)).DistinctBy(x => x.Key).Select(x => x.Set)
            .OrderBy(s => s.Length).ToList();
        if (unique.Count > 5 * MaxExactSets) return unique;
        var kept = new List<int[]>();
        foreach (var s in unique)
        {
            if (!kept.Any(k => k.All(s.Contains))) kept.Add(s);
        }

        return kept;
    }
}
