using Ensuresec.Assessment.Cascade;
using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Graph;
using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Threats;

namespace Ensuresec.Assessment.Report;

/// <summary>What an assessment is asked for.</summary>
public sealed record AssessOptions(double Threshold, int TopPaths, PathRanking Ranking, IReadOnlyList<string> CascadeAssets);

/// <summary>The best paths to one crown jewel.</summary>
public sealed record JewelPaths(Element Jewel, IReadOnlyList<AttackPath> Paths);

/// <summary>
/// The risk of one asset: the likeliest path to any harm on it times its impact, before and after the recommended
/// controls. <see cref="WorstHarm"/> is the harm that likeliest path does.
/// </summary>
public sealed record AssetRisk(Element Asset, double Likelihood, Privilege? WorstHarm, double Risk, double RiskAfter);

/// <summary>Everything an assessment found; the console, JSON and HTML views all render this.</summary>
public sealed record AssessmentReport(
    ThreatModel Model,
    AssessOptions Options,
    ElementSet Elements,
    IReadOnlyList<ThreatInstance> Threats,
    AttackGraph Graph,
    IReadOnlyList<JewelPaths> Paths,
    IReadOnlyList<AssetRisk> Risks,
    ControlPlan Plan,
    IReadOnlyList<CascadeResult> Cascades,
    Func<string, string> ControlName)
{
    /// <summary>Whether any path at or above the threshold exists before the recommendations (exit code 1).</summary>
    public bool HasRiskAboveThreshold => Plan.PathsAboveThreshold > 0;
}

/// <summary>Runs a whole assessment on a loaded model.</summary>
public static class Assessor
{
    public static AssessmentReport Assess(ThreatModel model, ThreatCatalogue catalogue, AssessOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        var elements = new ElementSet(model);
        var threats = ThreatGenerator.Generate(model, elements);
        var graph = AttackGraphBuilder.Build(model, elements, threats);

        var controls = model.Controls.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var fixCosts = model.Assets.SelectMany(a => a.Weaknesses).Where(w => w.Cve is not null)
            .GroupBy(w => w.FixControlId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(w => w.FixCost), StringComparer.Ordinal);
        double Cost(string id) => controls.TryGetValue(id, out var c) ? c.Cost : fixCosts.GetValueOrDefault(id, 1);
        string Name(string id) => controls.TryGetValue(id, out var c) ? c.Name : id.StartsWith("fix:", StringComparison.Ordinal) ? $"Fix {id[4..]} (patch or upgrade)" : id;

        var finder = new PathFinder(graph);
        var paths = elements.Assets.Where(e => e.CrownJewel)
            .Select(j => new JewelPaths(j, finder.BestPaths(graph.GoalsOf(j), options.TopPaths, options.Ranking)))
            .ToList();

        var selector = new ControlSelector(graph, Cost, Name);
        var plan = selector.Select(options.Threshold);
        var before = finder.BestLikelihoods();
        var after = new PathFinder(graph, selector.BlockedBy(plan.Candidates)).BestLikelihoods();
        var harms = graph.Nodes.Where(n => n.IsHarm).ToLookup(n => n.Element!.Index);
        var risks = elements.Assets.Select(a => Risk(harms[a.Index], a, before, after))
            .OrderByDescending(r => r.Risk).ThenBy(r => r.Asset.Name, StringComparer.Ordinal).ToList();

        var cascades = new List<CascadeResult>();
        foreach (string name in options.CascadeAssets.Count > 0 ? options.CascadeAssets : elements.Assets.Where(e => e.CrownJewel).Select(e => e.Name))
        {
            cascades.Add(CascadeAnalyzer.Compromised(model, name, graph));
            cascades.Add(CascadeAnalyzer.Down(model, name));
        }

        return new AssessmentReport(model, options, elements, threats, graph, paths, risks, plan, cascades, Name);
    }

    private static AssetRisk Risk(IEnumerable<GraphNode> harms, Element asset, double[] before, double[] after)
    {
        double best = 0, bestAfter = 0;
        Privilege? worst = null;
        foreach (var n in harms)
        {
            if (before[n.Id] > best)
            {
                best = before[n.Id];
                worst = n.Privilege;
            }

            bestAfter = Math.Max(bestAfter, after[n.Id]);
        }

        return new AssetRisk(asset, best, worst, best * asset.Impact, bestAfter * asset.Impact);
    }
}
