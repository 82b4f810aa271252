using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Incidents;

namespace Ensuresec.Throughput.Tests.Incidents;

/// <summary>
/// The reference the correlator's incremental snapshot must equal: an incident built from ALL its findings at once,
/// by sorting them (what the correlator did before it kept only the listed findings and ranked entities as it went).
/// The title is left to the literal tests: it is words, not arithmetic.
/// </summary>
internal static class NaiveIncident
{
    public static Incident Of(IReadOnlyCollection<Finding> members, CorrelatorOptions o, string title)
    {
        var sorted = members.OrderBy(f => f.DetectedAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        var listed = sorted.Take(o.MaxListed).ToList();
        var counts = new Dictionary<Entity, int>();
        foreach (var f in members)
        {
            foreach (var e in f.Entities.Distinct()) counts[e] = counts.GetValueOrDefault(e) + 1;
        }

        var entities = counts
            .OrderByDescending(kv => EntityKinds.IsActor(kv.Key.Kind))
            .ThenByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key.Kind, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Value, StringComparer.Ordinal)
            .Take(o.MaxEntities)
            .Select(kv => kv.Key)
            .ToList();
        var severity = members.Select(f => f.Severity).Max();
        if (members.Select(f => f.RuleId).Distinct().Count() >= o.EscalateAtDistinctRules || members.Count >= o.EscalateAtFindings) severity = Raise(severity);
        var attack = sorted.FirstOrDefault(f => f.Detector is "credential-stuffing" or "lookalike-domain");
        var takeover = sorted.LastOrDefault(f => f.Detector == "account-takeover");
        if (attack is not null && takeover is not null && sorted.IndexOf(takeover) > sorted.IndexOf(attack)) severity = Raise(severity);
        return new Incident
        {
            Id = IdOf(sorted[0]),
            Title = title,
            Severity = severity,
            FirstSeen = members.Min(f => f.FirstSeen),
            LastSeen = sorted[^1].DetectedAt,
            Entities = entities,
            FindingIds = listed.Select(f => f.Id).ToList(),
            Techniques = listed.Select(f => f.Technique).Distinct(StringComparer.Ordinal).ToList(),
            Story = listed.Select(f => new IncidentStep(f.DetectedAt, f.Id, f.RuleId, f.Technique, f.Severity, f.Explanation)).ToList(),
        };
    }

    private static Severity Raise(Severity s) => s == Severity.Critical ? s : s + 1;

    private static string IdOf(Finding earliest) =>
        "inc-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(earliest.Id)))[..32];
}
