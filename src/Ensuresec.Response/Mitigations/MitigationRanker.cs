using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Response.Library;

namespace Ensuresec.Response.Mitigations;

/// <summary>
/// Ranks the library's mitigations for an incident. A mitigation applies when one of the incident's rules falls in
/// its families and (for targeted ones) the incident has an entity in a role it acts on (<see cref="EntityRoles"/>:
/// the approver of an insider refund is an employee, the account it was booked to a customer); one suggestion per entity, up to
/// <see cref="MaxTargetsPerMitigation"/>. Score = weight x severity of the worst matching step x breadth (more
/// matching steps: more confidence), so a decisive containment on a critical campaign comes first and triage last.
/// </summary>
public static class MitigationRanker
{
    public const int MaxTargetsPerMitigation = 5;

    /// <param name="findings">The incident's findings, for the roles of its accounts; null: read from the incident alone.</param>
    public static IReadOnlyList<Mitigation> Rank(Incident incident, PlaybookLibrary library, IReadOnlyList<Finding>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(library);
        var roles = EntityRoles.Assign(incident, library.AccountRoles, findings);
        var suggestions = new List<Mitigation>();
        foreach (var entry in library.Entries)
        {
            var steps = incident.Story.Where(s => entry.Covers(s.RuleId)).ToList();
            if (steps.Count == 0) continue;
            var worst = steps.Max(s => s.Severity);
            double breadth = 0.7 + 0.3 * Math.Min(1.0, steps.Count / 3.0);
            double score = Math.Round(entry.Weight * SeverityFactor(worst) * breadth, 3);
            var rules = steps.Select(s => s.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            string because = $"{steps.Count} step(s) of {string.Join(", ", rules)} (worst {worst.ToName()}): {steps.OrderByDescending(s => s.Severity).First().Explanation}";
            if (entry.Roles.Count == 0)
            {
                suggestions.Add(Make(incident, entry, null, null, score, because));
                continue;
            }

            // Entities are listed main actor first; keep that order (and the first ones) when several match.
            foreach (var target in incident.Entities.Where(e => entry.ActsOn(roles[e].Role)).Take(MaxTargetsPerMitigation))
            {
                var role = roles[target];
                string unsure = role.Role == EntityRoles.Account ? " (its role is not established: confirm before accepting)" : "";
                suggestions.Add(Make(incident, entry, target, role, score, $"{target.Value} is the {role.Role}{unsure} ({role.Evidence}); {because}"));
            }
        }

        // A stable sort: targets of one mitigation keep the incident's entity order (main actor first).
        return suggestions
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.EntryId, StringComparer.Ordinal)
            .ToList();
    }

    private static Mitigation Make(Incident incident, LibraryEntry entry, Entity? target, EntityRole? role, double score, string reason)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal) { ["__incident__"] = incident.Id };
        if (target is { } t && entry.Variable.Length > 0) inputs[entry.Variable] = t.Value;
        return new Mitigation
        {
            Id = IdOf(incident.Id, entry.Id, target?.ToString() ?? ""),
            IncidentId = incident.Id,
            EntryId = entry.Id,
            Title = target is { } e ? $"{entry.Title}: {e.Value}" : entry.Title,
            Playbook = entry.Playbook,
            Target = target,
            TargetRole = role?.Role,
            Score = score,
            Reason = reason,
            ExpectedEffect = target is { } v ? $"{entry.Effect} (on {v.Kind} {v.Value})" : entry.Effect,
            Automatic = entry.Automatic,
            Inputs = inputs,
            HasRecovery = entry.Recovery is not null,
        };
    }

    public static double SeverityFactor(Severity s) => s switch
    {
        Severity.Critical => 1.0,
        Severity.High => 0.8,
        Severity.Medium => 0.6,
        Severity.Low => 0.4,
        _ => 0.2,
    };

    private static string IdOf(string incident, string entry, string target) =>
        "mit-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', incident, entry, target))))[..16];

    internal static string Format(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);
}
