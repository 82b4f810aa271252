using System.Globalization;
using System.Text;
using Ensuresec.Assessment.Graph;

namespace Ensuresec.Assessment.Report;

/// <summary>
/// A self-contained HTML report (no scripts, no outside resources): summary, top paths, risks, recommended
/// controls, cascades, the threats per element and the attack graph as SVG. Every model string is escaped.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1400px}
        h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f4f4f4}.num{text-align:right;font-variant-numeric:tabular-nums}.above{color:#c0392b;font-weight:600}
        .muted{color:#777}ol.steps{margin:.2em 0 .8em 1.2em;padding:0}.graphbox{overflow:auto;border:1px solid #ddd}
        .node rect{fill:#eef3fb;stroke:#5b7db1}.node.goal rect{fill:#fdecea;stroke:#c0392b}.node.attacker rect{fill:#333}
        .node.attacker text{fill:#fff}.node.data rect{fill:#fff7e0;stroke:#c49a00}text{font:12px system-ui,sans-serif}
        .edge{fill:none;stroke-width:1.2}.edge.fact{stroke:#aaa;stroke-dasharray:4 3}.edge.threat{stroke:#666}.edge.hot{stroke:#c0392b;stroke-width:2.4}
        """;

    public static string Render(AssessmentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var g = report.Graph;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        h.Append(Inv, $"<title>Ensuresec assessment: {E(report.Model.Name)}</title><style>{Style}</style></head><body>");
        h.Append(Inv, $"<h1>Assessment of {E(report.Model.Name)}</h1>");
        if (report.Model.Description.Length > 0) h.Append(Inv, $"<p>{E(report.Model.Description)}</p>");
        int open = report.Threats.Count(t => !t.Mitigated);
        h.Append(Inv, $"<p>{report.Elements.All.Count} elements, {report.Threats.Count} threats applied ({open} open, {report.Threats.Count - open} mitigated by controls in place); attack graph of {g.Nodes.Count} states and {g.Edges.Count} steps. Risk threshold {report.Options.Threshold:0.###}; paths ranked by {report.Options.Ranking.ToString().ToLowerInvariant()}.</p>");

        h.Append("<h2>Top attack paths to the crown jewels</h2>");
        foreach (var jp in report.Paths)
        {
            h.Append(Inv, $"<h3>{E(jp.Jewel.Name)} <span class=\"muted\">(impact {jp.Jewel.Impact})</span></h3>");
            if (jp.Paths.Count == 0) h.Append("<p>None: the attacker cannot reach it.</p>");
            foreach (var p in jp.Paths)
            {
                string cls = p.Risk(g) >= report.Options.Threshold ? " class=\"above\"" : "";
                h.Append(Inv, $"<p{cls}>likelihood {ConsoleSummary.Probability(p.Likelihood)}, effort {p.Effort:0.#} days, risk {p.Risk(g):0.00}</p><ol class=\"steps\">");
                foreach (int ei in p.Edges)
                {
                    var e = g.Edges[ei];
                    string attack = e.Attack is null ? "" : $" <span class=\"muted\">{E(e.Attack)}</span>";
                    h.Append(Inv, $"<li>{E(e.Label)}{attack} → <b>{E(g.Nodes[e.To].Label)}</b> <span class=\"muted\">({e.Likelihood:0.###})</span></li>");
                }

                h.Append("</ol>");
            }
        }

        h.Append("<h2>Recommended controls</h2>");
        var plan = report.Plan;
        h.Append(Inv, $"<p>{plan.PathsAboveThreshold} path(s) with risk ≥ {report.Options.Threshold:0.###}. Chosen set: total cost {plan.TotalCost:0.##}, by {E(plan.Method)}{(plan.Truncated ? "; the path search reached its limit, so the set is not proven minimal and paths above the threshold may remain" : "")}.</p>");
        if (plan.Controls.Count > 0)
        {
            h.Append("<table><tr><th>control</th><th>on</th><th class=\"num\">cost</th><th class=\"num\">paths cut</th></tr>");
            foreach (var c in plan.Controls)
            {
                h.Append(Inv, $"<tr><td>{E(c.ControlName)} <span class=\"muted\">{E(c.Candidate.ControlId)}</span></td><td>{E(c.ElementName)}</td><td class=\"num\">{c.Cost:0.##}</td><td class=\"num\">{c.PathsCut}</td></tr>");
            }

            h.Append("</table>");
        }

        if (plan.Uncuttable.Count > 0)
        {
            h.Append(Inv, $"<p class=\"above\">{plan.Uncuttable.Count} path(s) have no step that a catalogue control stops, e.g. {E(ConsoleSummary.Describe(g, plan.Uncuttable[0]))}</p>");
        }

        h.Append("<h2>Risk per asset</h2><table><tr><th>asset</th><th>type</th><th>worst harm</th><th class=\"num\">likelihood</th><th class=\"num\">impact</th><th class=\"num\">risk</th><th class=\"num\">after controls</th></tr>");
        foreach (var r in report.Risks)
        {
            string cls = r.Risk >= report.Options.Threshold ? " class=\"num above\"" : " class=\"num\"";
            h.Append(Inv, $"<tr><td>{E(r.Asset.Name)}</td><td>{E(r.Asset.Type ?? "")}</td><td>{E(r.WorstHarm?.ToString().ToLowerInvariant() ?? "-")}</td><td class=\"num\">{r.Likelihood:0.000}</td><td class=\"num\">{r.Asset.Impact}</td><td{cls}>{r.Risk:0.00}</td><td class=\"num\">{r.RiskAfter:0.00}</td></tr>");
        }

        h.Append("</table>");

        h.Append("<h2>Cascading effects</h2>");
        foreach (var c in report.Cascades)
        {
            h.Append(Inv, $"<h3>If {E(c.Start)} is {(c.Compromised ? "compromised" : "down")}</h3>");
            if (c.Effects.Count == 0)
            {
                h.Append("<p>Nothing else is affected.</p>");
                continue;
            }

            h.Append("<table><tr><th>asset</th><th>domain</th><th>state</th><th>why</th><th>via</th></tr>");
            foreach (var e in c.Effects.OrderBy(e => e.Domain).ThenBy(e => e.Via.Count))
            {
                h.Append(Inv, $"<tr><td>{E(e.Asset)}</td><td>{E(e.Domain.ToString().ToLowerInvariant())}</td><td>{ConsoleSummary.State(e.State)}</td><td>{E(e.Reason)}</td><td>{E(string.Join(" › ", e.Via))}</td></tr>");
            }

            h.Append("</table>");
        }

        h.Append("<h2>Attack graph</h2><p class=\"muted\">States on some way to a crown jewel, in layers from the attacker. Red: the top paths. Solid: threat and weakness steps. Dashed: what the model implies (exposure, connections, control). Hover for details.</p>");
        h.Append("<div class=\"graphbox\">").Append(AttackGraphSvg.Render(report)).Append("</div>");

        h.Append("<h2>Threats per element (STRIDE per element and the e-commerce catalogue)</h2><table><tr><th>element</th><th>threat</th><th>STRIDE</th><th>ATT&amp;CK</th><th class=\"num\">likelihood</th><th>status</th><th>stopped by</th></tr>");
        foreach (var t in report.Threats.OrderBy(t => t.Element.Index).ThenBy(t => t.Mitigated).ThenByDescending(t => t.Likelihood))
        {
            string target = t.Target == t.Element ? "" : $" → {t.Target.Name}";
            string status = t.Mitigated ? $"mitigated by {string.Join(", ", t.MitigatedBy)}" : t.KnownWeakness ? "open (known weakness)" : "open";
            h.Append(Inv, $"<tr><td>{E(t.Element.Name + target)}</td><td>{E(t.Threat.Name)}</td><td>{E(t.Threat.Stride)}</td><td>{E(t.Threat.Attack ?? "")}</td><td class=\"num\">{t.Likelihood:0.###}</td><td>{E(status)}</td><td>{E(string.Join(", ", t.StoppedBy))}</td></tr>");
        }

        h.Append("</table>");
        var cves = report.Model.Assets.SelectMany(a => a.Weaknesses.Where(w => w.Cvss is not null).Select(w => (a, w))).ToList();
        if (cves.Count > 0)
        {
            h.Append("<h2>Known vulnerabilities</h2><table><tr><th>asset</th><th>id</th><th>CVSS vector</th><th class=\"num\">base</th><th class=\"num\">environmental</th><th>component</th></tr>");
            foreach (var (a, w) in cves)
            {
                h.Append(Inv, $"<tr><td>{E(a.Name)}</td><td>{E(w.Cve!)}</td><td>{E(w.Cvss!.Text)}</td><td class=\"num\">{w.Cvss.BaseScore:0.0} {w.Cvss.Severity}</td><td class=\"num\">{w.Cvss.EnvironmentalScore:0.0}</td><td>{E(w.Component ?? "")}</td></tr>");
            }

            h.Append("</table>");
        }

        h.Append("<p class=\"muted\">Generated by Ensuresec (ensuresec assess). Likelihoods are products of step likelihoods taken as independent; see docs/ASSESSMENT.md.</p></body></html>");
        return h.ToString();
    }

    private static string E(string text) => AttackGraphSvg.Esc(text);
}
