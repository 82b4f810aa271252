using System.Globalization;
using Ensuresec.Assessment.Cascade;
using Ensuresec.Assessment.Graph;

namespace Ensuresec.Assessment.Report;

/// <summary>The plain-text summary printed by <c>ensuresec assess</c>: top paths, risks, recommended controls, cascades.</summary>
public static class ConsoleSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(AssessmentReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var g = report.Graph;
        output.WriteLine(string.Create(Inv, $"Assessment of {Clean(report.Model.Name)}"));
        int open = report.Threats.Count(t => !t.Mitigated);
        output.WriteLine(string.Create(Inv, $"{report.Elements.All.Count} elements, {report.Threats.Count} threats applied ({open} open, {report.Threats.Count - open} mitigated), attack graph of {g.Nodes.Count} states and {g.Edges.Count} steps."));
        output.WriteLine();

        foreach (var jp in report.Paths)
        {
            output.WriteLine(string.Create(Inv, $"Top paths to crown jewel {Clean(jp.Jewel.Name)} (impact {jp.Jewel.Impact}, ranked by {report.Options.Ranking.ToString().ToLowerInvariant()}):"));
            if (jp.Paths.Count == 0) output.WriteLine("  none: the attacker cannot reach it.");
            for (int i = 0; i < jp.Paths.Count; i++)
            {
                var p = jp.Paths[i];
                output.WriteLine(string.Create(Inv, $"  {i + 1}. likelihood {Probability(p.Likelihood)}, effort {p.Effort:0.#} days, risk {p.Risk(g):0.00}"));
                output.WriteLine(string.Create(Inv, $"     {Describe(g, p)}"));
            }

            output.WriteLine();
        }

        output.WriteLine("Risk per asset (likeliest harm × impact; after = with the recommended controls):");
        foreach (var r in report.Risks.Where(r => r.Risk > 0))
        {
            string flag = r.Risk >= report.Options.Threshold ? "  above threshold" : "";
            output.WriteLine(string.Create(Inv, $"  {r.Risk,5:0.00} -> {r.RiskAfter,5:0.00}  {Clean(r.Asset.Name)} ({r.WorstHarm?.ToString().ToLowerInvariant()}, likelihood {r.Likelihood:0.000}, impact {r.Asset.Impact}){flag}"));
        }

        output.WriteLine();
        var plan = report.Plan;
        output.WriteLine(string.Create(Inv, $"Recommended controls to cut the {plan.PathsAboveThreshold} path(s) with risk >= {report.Options.Threshold:0.###}: total cost {plan.TotalCost:0.##} ({plan.Method}{(plan.Truncated ? "; the path search hit its limit: paths above the threshold may remain" : "")})"));
        foreach (var c in plan.Controls)
        {
            output.WriteLine(string.Create(Inv, $"  - {Clean(c.ControlName)} on {Clean(c.ElementName)} (cost {c.Cost:0.##}, cuts {c.PathsCut} path(s))"));
        }

        if (plan.Uncuttable.Count > 0)
        {
            output.WriteLine(string.Create(Inv, $"  {plan.Uncuttable.Count} path(s) no catalogue control can cut, e.g.: {Describe(g, plan.Uncuttable[0])}"));
        }

        output.WriteLine();
        foreach (var c in report.Cascades)
        {
            output.WriteLine(string.Create(Inv, $"If {Clean(c.Start)} is {(c.Compromised ? "compromised" : "down")}:"));
            if (c.Effects.Count == 0) output.WriteLine("  nothing else is affected.");
            foreach (var group in c.Effects.GroupBy(e => e.Domain).OrderBy(grp => grp.Key))
            {
                output.WriteLine(string.Create(Inv, $"  {group.Key}:"));
                foreach (var e in group) output.WriteLine(string.Create(Inv, $"    {Clean(e.Asset)} {State(e.State)}: {Clean(e.Reason)} [{Clean(string.Join(" > ", e.Via))}]"));
            }
        }
    }

    /// <summary>Three decimals, or scientific notation for the long, unlikely paths (so they do not read as zero).</summary>
    internal static string Probability(double p) =>
        p == 0 || p >= 0.001 ? p.ToString("0.000", Inv) : p.ToString("0.0e0", Inv);

    internal static string State(CascadeState s) => s switch
    {
        CascadeState.Down => "down",
        CascadeState.Degraded => "degraded",
        CascadeState.Compromised => "compromised",
        CascadeState.Untrusted => "untrusted",
        _ => "threatened",
    };

    /// <summary>One line: each step's resulting state with the step's name.</summary>
    public static string Describe(AttackGraph graph, AttackPath path)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(path);
        return Clean(string.Join(" => ", path.Edges.Select(ei =>
        {
            var e = graph.Edges[ei];
            return $"{graph.Nodes[e.To].Label} [{e.Label}]";
        })));
    }

    /// <summary>Model text printed to a terminal: control characters (escape sequences) are replaced.</summary>
    internal static string Clean(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
}
