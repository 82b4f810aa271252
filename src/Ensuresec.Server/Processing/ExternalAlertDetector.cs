using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Server.Processing;

/// <summary>
/// Turns an event that is already an alert (ECS event.kind "alert", e.g. from a WAF or an IDS) into a finding,
/// one per event, with the id "alert:" + event.id so that reprocessing yields the same finding. Stateless.
/// </summary>
public sealed class ExternalAlertDetector : IDetector
{
    public const string DetectorName = "external-alert";
    public const string RuleId = "ES-EXT-001";

    /// <summary>Used when the alert names no ATT&amp;CK technique (threat.technique.id).</summary>
    public const string UnknownTechnique = "unknown";

    /// <summary>Longest source name and alert text kept in the explanation; longer ones are cut and end with "…".</summary>
    public const int MaxTextLength = 1_000;

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (string.Equals(e.Kind, "alert", StringComparison.OrdinalIgnoreCase)) keys.Add(new DetectorKey(0, e.Id));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        var entities = new List<Entity>(2);
        if (!string.IsNullOrEmpty(e.SourceIp)) entities.Add(Entity.Ip(e.SourceIp));
        if (!string.IsNullOrEmpty(e.UserName)) entities.Add(Entity.User(e.UserName));
        string technique = Nested(e.Extra, "threat", "technique", "id") ?? UnknownTechnique;
        string what = Nested(e.Extra, "rule", "name") ?? Nested(e.Extra, "message") ?? e.Action ?? "alert";
        findings.Emit(new Finding
        {
            Id = "alert:" + e.Id,
            Detector = DetectorName,
            RuleId = RuleId,
            Severity = Severity.Medium,
            Confidence = 0.5,
            Technique = technique,
            Explanation = $"upstream alert from {Bounded(e.Dataset ?? "an external source")}: {Bounded(what)}",
            FirstSeen = e.Timestamp,
            DetectedAt = e.Timestamp,
            Entities = entities,
            EvidenceEventIds = [e.Id],
            EvidenceCount = 1,
        });
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        // Stateless: nothing expires.
    }

    /// <summary>
    /// The alert's own words, cut to <see cref="MaxTextLength"/> characters: they come from outside (a rule name can
    /// carry an attacker's payload) and every incident story and ledger entry repeats them.
    /// </summary>
    private static string Bounded(string text)
    {
        if (text.Length <= MaxTextLength) return text;
        int cut = char.IsHighSurrogate(text[MaxTextLength - 1]) ? MaxTextLength - 1 : MaxTextLength;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static string? Nested(JsonObject? obj, params string[] path)
    {
        // ECS allows dotted keys ("rule.name") as well as nested objects.
        JsonNode? node = obj?[string.Join('.', path)];
        if (node is null)
        {
            node = obj;
            foreach (string part in path) node = node is JsonObject o ? o[part] : null;
        }

        return node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
    }
}
