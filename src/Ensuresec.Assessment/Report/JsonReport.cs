using System.Text.Json;
using Ensuresec.Assessment.Graph;

namespace Ensuresec.Assessment.Report;

/// <summary>The assessment as JSON (snake_case keys; docs/ASSESSMENT.md, "JSON output").</summary>
public static class JsonReport
{
    public static void Write(AssessmentReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var g = report.Graph;
        w.WriteStartObject();
        w.WriteString("model", report.Model.Name);
        w.WriteNumber("threshold", report.Options.Threshold);
        w.WriteString("ranking", report.Options.Ranking.ToString().ToLowerInvariant());
        w.WriteStartObject("graph");
        w.WriteNumber("states", g.Nodes.Count);
        w.WriteNumber("steps", g.Edges.Count);
        w.WriteEndObject();

        w.WriteStartArray("threats");
        foreach (var t in report.Threats)
        {
            w.WriteStartObject();
            w.WriteString("threat", t.Threat.Id);
            w.WriteString("name", t.Threat.Name);
            w.WriteString("stride", t.Threat.Stride);
            if (t.Threat.Attack is not null) w.WriteString("attack", t.Threat.Attack);
            w.WriteString("element", t.Element.Name);
            if (t.Target != t.Element) w.WriteString("target", t.Target.Name);
            w.WriteNumber("likelihood", t.Likelihood);
            w.WriteBoolean("known_weakness", t.KnownWeakness);
            w.WriteString("status", t.Mitigated ? "mitigated" : "open");
            Strings(w, "mitigated_by", t.MitigatedBy);
            Strings(w, "stopped_by", t.StoppedBy);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("crown_jewels");
        foreach (var jp in report.Paths)
        {
            w.WriteStartObject();
            w.WriteString("asset", jp.Jewel.Name);
            w.WriteNumber("impact", jp.Jewel.Impact);
            w.WriteStartArray("paths");
            foreach (var p in jp.Paths) Path(w, g, p);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("risks");
        foreach (var r in report.Risks)
        {
            w.WriteStartObject();
            w.WriteString("asset", r.Asset.Name);
            w.WriteString("type", r.Asset.Type);
            w.WriteNumber("impact", r.Asset.Impact);
            w.WriteNumber("likelihood", Math.Round(r.Likelihood, 6));
            if (r.WorstHarm is { } harm) w.WriteString("worst_harm", harm.ToString().ToLowerInvariant());
            w.WriteNumber("risk", Math.Round(r.Risk, 6));
            w.WriteNumber("risk_after", Math.Round(r.RiskAfter, 6));
            w.WriteEndObject();
        }

        w.WriteEndArray();

        var plan = report.Plan;
        w.WriteStartObject("recommended_controls");
        w.WriteString("method", plan.Method);
        w.WriteNumber("total_cost", plan.TotalCost);
        w.WriteNumber("paths_above_threshold", plan.PathsAboveThreshold);
        w.WriteBoolean("search_truncated", plan.Truncated);
        w.WriteStartArray("controls");
        foreach (var c in plan.Controls)
        {
            w.WriteStartObject();
            w.WriteString("control", c.Candidate.ControlId);
            w.WriteString("name", c.ControlName);
            w.WriteString("element", c.ElementName);
            w.WriteNumber("cost", c.Cost);
            w.WriteNumber("paths_cut", c.PathsCut);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("uncuttable_paths");
        foreach (var p in plan.Uncuttable) Path(w, g, p);
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("cascades");
        foreach (var c in report.Cascades)
        {
            w.WriteStartObject();
            w.WriteString("asset", c.Start);
            w.WriteString("event", c.Compromised ? "compromised" : "down");
            w.WriteStartArray("effects");
            foreach (var e in c.Effects)
            {
                w.WriteStartObject();
                w.WriteString("asset", e.Asset);
                w.WriteString("domain", e.Domain.ToString().ToLowerInvariant());
                w.WriteString("state", ConsoleSummary.State(e.State));
                w.WriteString("reason", e.Reason);
                Strings(w, "via", e.Via);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Path(Utf8JsonWriter w, AttackGraph g, AttackPath p)
    {
        w.WriteStartObject();
        w.WriteNumber("likelihood", Math.Round(p.Likelihood, 6));
        w.WriteNumber("effort", Math.Round(p.Effort, 3));
        w.WriteNumber("risk", Math.Round(p.Risk(g), 6));
        w.WriteStartArray("steps");
        foreach (int ei in p.Edges)
        {
            var e = g.Edges[ei];
            w.WriteStartObject();
            w.WriteString("from", g.Nodes[e.From].Label);
            w.WriteString("to", g.Nodes[e.To].Label);
            w.WriteString("step", e.Label);
            w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
            if (e.ThreatId is not null) w.WriteString("threat", e.ThreatId);
            if (e.Attack is not null) w.WriteString("attack", e.Attack);
            w.WriteNumber("likelihood", e.Likelihood);
            w.WriteNumber("effort", e.Effort);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
