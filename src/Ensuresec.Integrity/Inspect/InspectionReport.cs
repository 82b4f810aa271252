using System.Text.Json;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Json;
using Ensuresec.Integrity.Common;

namespace Ensuresec.Integrity.Inspect;

/// <summary>Inspection results as platform findings and as the JSON document of `ensuresec inspect --json`.</summary>
internal static class InspectionReport
{
    public const string Detector = "inspect";

    public static IEnumerable<Finding> Findings(InspectionResult result, DateTimeOffset at)
    {
        foreach (var m in result.Matches)
        {
            string where = m.Line > 0 ? $"{result.Path}:{m.Line}" : result.Path;
            yield return IntegrityFindings.Create(Detector, m.Rule.Id, m.Rule.Severity, m.Rule.Confidence, m.Rule.Technique,
                $"{where}: {m.Explanation}", $"{result.Path}\n{result.Sha256}", at,
                [new Entity(IntegrityFindings.FilePath, result.Path), new Entity(IntegrityFindings.FileHash, result.Sha256 ?? string.Empty)]);
        }
    }

    public static void Write(Utf8JsonWriter w, IReadOnlyList<InspectionResult> results, DateTimeOffset at)
    {
        w.WriteStartObject();
        w.WriteNumber("files_inspected", results.Count(r => r.Skipped is null && r.Error is null));
        w.WriteNumber("files_skipped", results.Count(r => r.Skipped is not null));
        w.WriteNumber("errors", results.Count(r => r.Error is not null));
        w.WriteStartArray("files");
        foreach (var r in results.Where(r => r.Matches.Count > 0 || r.Error is not null || r.Notes.Count > 0 || r.Skipped is not null).OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("path", r.Path);
            w.WriteString("language", r.Language);
            if (r.Sha256 is not null) w.WriteString("sha256", r.Sha256);
            if (r.Skipped is not null) w.WriteString("skipped", r.Skipped);
            if (r.Error is not null) w.WriteString("error", r.Error);
            w.WriteStartArray("findings");
            foreach (var f in Findings(r, at)) FindingJson.Write(w, f);
            w.WriteEndArray();
            w.WriteStartArray("facts");
            foreach (var f in r.Facts)
            {
                w.WriteStartObject();
                w.WriteString("id", f.Id);
                w.WriteNumber("line", f.Line);
                w.WriteString("evidence", f.Evidence);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("deobfuscation");
            foreach (var (k, v) in r.Techniques.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(k, v);
            w.WriteEndObject();
            w.WriteStartArray("notes");
            foreach (var n in r.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
