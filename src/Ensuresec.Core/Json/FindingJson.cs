using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Core.Json;

/// <summary>
/// Finding &lt;-&gt; JSON with snake_case field names, written by hand (no reflection) so that the wire format is
/// this file and nothing else. Every string is JSON-escaped by <see cref="Utf8JsonWriter"/>.
/// </summary>
public static class FindingJson
{
    /// <summary>Writes the finding as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(finding);
        writer.WriteStartObject();
        writer.WriteString("id", finding.Id);
        writer.WriteString("detector", finding.Detector);
        writer.WriteString("rule_id", finding.RuleId);
        writer.WriteString("severity", finding.Severity.ToName());

        // A detector bug must not make the finding unstorable: a non-finite confidence is written as 0.
        writer.WriteNumber("confidence", double.IsFinite(finding.Confidence) ? finding.Confidence : 0);
        writer.WriteString("technique", finding.Technique);
        writer.WriteString("explanation", finding.Explanation);
        writer.WriteString("first_seen", finding.FirstSeen);
        writer.WriteString("detected_at", finding.DetectedAt);
        JsonWriting.WriteEntities(writer, "entities", finding.Entities);
        JsonWriting.WriteStrings(writer, "evidence_event_ids", finding.EvidenceEventIds);
        writer.WriteNumber("evidence_count", finding.EvidenceCount);
        writer.WriteEndObject();
    }

    /// <summary>The finding as compact JSON text.</summary>
    public static string ToJson(Finding finding) => JsonWriting.ToText(w => Write(w, finding), 512);

    /// <summary>Reads a finding from a JSON object; the error names the first bad field.</summary>
    public static JsonReadResult<Finding> Read(JsonElement element)
    {
        var r = new JsonFieldReader(element, string.Empty);
        if (!r.IsObject) return JsonReadResult<Finding>.Failure("finding: must be a JSON object");
        var finding = new Finding
        {
            Id = r.String("id"),
            Detector = r.String("detector"),
            RuleId = r.String("rule_id"),
            Severity = r.SeverityField("severity"),
            Confidence = r.Number("confidence"),
            Technique = r.String("technique"),
            Explanation = r.String("explanation"),
            FirstSeen = r.Time("first_seen"),
            DetectedAt = r.Time("detected_at"),
            Entities = r.Entities("entities"),
            EvidenceEventIds = r.Strings("evidence_event_ids"),
            EvidenceCount = r.Int("evidence_count"),
        };
        return r.Error is null ? JsonReadResult<Finding>.Success(finding) : JsonReadResult<Finding>.Failure(r.Error);
    }

    /// <summary>Parses JSON text; malformed JSON is an error result, never an exception.</summary>
    public static JsonReadResult<Finding> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, JsonWriting.DocumentOptions);
            return Read(doc.RootElement);
        }
        catch (JsonException ex)
        {
            return JsonReadResult<Finding>.Failure($"invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}");
        }
    }
}
