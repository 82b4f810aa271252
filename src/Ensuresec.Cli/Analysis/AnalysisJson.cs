using System.Text.Json;
using Ensuresec.Core.Json;

namespace Ensuresec.Cli.Analysis;

/// <summary>The --json report of analyze: counts, bad lines, every finding and incident (docs/EVENTS.md describes findings and incidents).</summary>
internal static class AnalysisJson
{
    public static void Write(Stream output, AnalysisResult result, Ensuresec.Waf.Sigma.SigmaRuleSet? sigma = null)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartObject("summary");
        w.WriteStartArray("files");
        foreach (string f in result.Files) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteNumber("lines", result.Lines);
        w.WriteNumber("events", result.Events);
        w.WriteNumber("bad_lines", result.BadLines);
        w.WriteNumber("findings", result.Findings.Count);
        w.WriteNumber("incidents", result.Incidents.Count);
        w.WriteNumber("elapsed_seconds", Math.Round(result.Elapsed.TotalSeconds, 3));
        w.WriteEndObject();
        if (sigma is not null) Ensuresec.Cli.Waf.SigmaReport.Write(w, sigma);
        w.WriteStartArray("file_errors");
        foreach (string e in result.FileErrors) w.WriteStringValue(e);
        w.WriteEndArray();
        w.WriteStartArray("parse_errors");
        foreach (var e in result.ParseErrors)
        {
            w.WriteStartObject();
            w.WriteString("file", e.Source);
            w.WriteNumber("line", e.Line);
            w.WriteString("field", e.Field);
            w.WriteString("reason", e.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("detector_faults");
        foreach (var f in result.Faults)
        {
            w.WriteStartObject();
            w.WriteString("detector", f.Detector);
            w.WriteString("event_id", f.EventId);
            w.WriteString("error", f.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var f in result.Findings) FindingJson.Write(w, f);
        w.WriteEndArray();
        w.WriteStartArray("incidents");
        foreach (var i in result.Incidents) IncidentJson.Write(w, i);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
