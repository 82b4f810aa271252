using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Core.Json;

/// <summary>Incident &lt;-&gt; JSON with snake_case field names, written by hand like <see cref="FindingJson"/>.</summary>
public static class IncidentJson
{
    /// <summary>Writes the incident as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(incident);
        writer.WriteStartObject();
        writer.WriteString("id", incident.Id);
        writer.WriteString("title", incident.Title);
        writer.WriteString("severity", incident.Severity.ToName());
        writer.WriteString("first_seen", incident.FirstSeen);
        writer.WriteString("last_seen", incident.LastSeen);
        JsonWriting.WriteEntities(writer, "entities", incident.Entities);
        JsonWriting.WriteStrings(writer, "finding_ids", incident.FindingIds);
        JsonWriting.WriteStrings(writer, "techniques", incident.Techniques);
        writer.WriteStartArray("story");
        foreach (var step in incident.Story)
        {
            writer.WriteStartObject();
            writer.WriteString("at", step.At);
            writer.WriteString("finding_id", step.FindingId);
            writer.WriteString("rule_id", step.RuleId);
            writer.WriteString("technique", step.Technique);
            writer.WriteString("severity", step.Severity.ToName());
            writer.WriteString("explanation", step.Explanation);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The incident as compact JSON text.</summary>
    public static string ToJson(Incident incident) => JsonWriting.ToText(w => Write(w, incident), 1024);

    /// <summary>Reads an incident from a JSON object; the error names the first bad field.</summary>
    public static JsonReadResult<Incident> Read(JsonElement element)
    {
        var r = new JsonFieldReader(element, string.Empty);
        if (!r.IsObject) return JsonReadResult<Incident>.Failure("incident: must be a JSON object");
        string id = r.String("id");
        string title = r.String("title");
        var severity = r.SeverityField("severity");
        var firstSeen = r.Time("first_seen");
        var lastSeen = r.Time("last_seen");
        var entities = r.Entities("entities");
        var findingIds = r.Strings("finding_ids");
        var techniques = r.Strings("techniques");
        var story = new List<IncidentStep>();
        if (r.TryGetArray("story", out var array))
        {
            int i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var s = r.Nested(item, "story", i++);
                if (!s.IsObject)
                {
                    r.Adopt($"story[{i - 1}]: must be an object");
                    break;
                }

                var step = new IncidentStep(s.Time("at"), s.String("finding_id"), s.String("rule_id"), s.String("technique"), s.SeverityField("severity"), s.String("explanation"));
                if (s.Error is not null)
                {
                    r.Adopt(s.Error);
                    break;
                }

                story.Add(step);
            }
        }

        if (r.Error is not null) return JsonReadResult<Incident>.Failure(r.Error);
        return JsonReadResult<Incident>.Success(new Incident
        {
            Id = id,
            Title = title,
            Severity = severity,
            FirstSeen = firstSeen,
            LastSeen = lastSeen,
            Entities = entities,
            FindingIds = findingIds,
            Techniques = techniques,
            Story = story,
        });
    }

    /// <summary>Parses JSON text; malformed JSON is an error result, never an exception.</summary>
    public static JsonReadResult<Incident> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, JsonWriting.DocumentOptions);
            return Read(doc.RootElement);
        }
        catch (JsonException ex)
        {
            return JsonReadResult<Incident>.Failure($"invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}");
        }
    }
}
