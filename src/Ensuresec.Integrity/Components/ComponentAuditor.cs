using System.Globalization;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Integrity.Common;
using Ensuresec.Integrity.Components.Osv;
using Ensuresec.Integrity.Components.Versions;

namespace Ensuresec.Integrity.Components;

/// <summary>Matches components against OSV advisories by ecosystem and name, then by version range; withdrawn advisories are ignored.</summary>
internal sealed class ComponentAuditor
{
    public const string Detector = "components";
    private readonly Dictionary<(string, string), List<(OsvAdvisory, OsvAffected)>> _index = [];

    public ComponentAuditor(IEnumerable<OsvAdvisory> advisories)
    {
        foreach (var advisory in advisories)
        {
            if (advisory.Withdrawn is not null) continue;
            foreach (var affected in advisory.Affected)
            {
                var key = Key(affected.Ecosystem, affected.Name);
                if (!_index.TryGetValue(key, out var list)) _index[key] = list = [];
                list.Add((advisory, affected));
            }
        }
    }

    /// <summary>Every advisory affecting each component; <paramref name="notes"/> gets versions that could not be compared.</summary>
    public List<Vulnerability> Audit(IEnumerable<Component> components, List<string> notes)
    {
        var found = new List<Vulnerability>();
        foreach (var component in components)
        {
            if (!_index.TryGetValue(Key(component.Ecosystem, component.Name), out var candidates)) continue;
            foreach (var (advisory, affected) in candidates)
            {
                var result = OsvRangeEvaluator.Evaluate(affected, component.Version);
                if (result is null)
                {
                    notes.Add($"{component.Name} {component.Version}: cannot be ordered against {advisory.Id}'s ranges ({VersionSchemes.ForEcosystem(component.Ecosystem).Name} versions)");
                    continue;
                }

                if (!result.Value.Affected) continue;
                var (severity, source) = Rate(advisory, affected);
                bool malicious = advisory.Id.StartsWith("MAL-", StringComparison.Ordinal);
                found.Add(new Vulnerability(component, advisory, malicious ? Severity.Critical : severity, malicious ? "malicious package" : source, result.Value.FixedIn, malicious));
            }
        }

        return [.. found.DistinctBy(v => (v.Component.Ecosystem, v.Component.Name, v.Component.Version, v.Advisory.Id))];
    }

    public static Finding ToFinding(Vulnerability v, DateTimeOffset at)
    {
        string fix = v.FixedIn is null ? "no fixed version is known" : $"fixed in {v.FixedIn}";
        string aliases = v.Advisory.Aliases.Count > 0 ? $" ({string.Join(", ", v.Advisory.Aliases.Take(3))})" : string.Empty;
        string text = v.Malicious
            ? $"{v.Component.Name} {v.Component.Version} ({v.Component.Ecosystem}) is a known malicious package: {v.Advisory.Id}{aliases}: {v.Advisory.Summary}; remove it"
            : $"{v.Component.Name} {v.Component.Version} ({v.Component.Ecosystem}) is affected by {v.Advisory.Id}{aliases}: {v.Advisory.Summary ?? "no summary"}; severity {v.Severity.ToName()} from {v.SeveritySource}; {fix}; found in {v.Component.Source}";
        return IntegrityFindings.Create(Detector, v.Malicious ? "ES-SCA-002" : "ES-SCA-001", v.Severity, 0.95, "T1195.001", text,
            $"{v.Component.Ecosystem}\n{v.Component.Name}\n{v.Component.Version}\n{v.Advisory.Id}", at,
            [new Entity(IntegrityFindings.Package, v.Component.Purl), new Entity(IntegrityFindings.Vulnerability, v.Advisory.Id)]);
    }

    /// <summary>CVSS v3 vector of the package entry, else of the record, else the database's own rating, else medium.</summary>
    private static (Severity, string) Rate(OsvAdvisory advisory, OsvAffected affected)
    {
        foreach (var (type, score) in affected.Severity.Concat(advisory.Severity))
        {
            if (type is "CVSS_V3" && Cvss.BaseScoreV3(score) is { } s) return (Cvss.Rating(s), $"CVSS {s.ToString("0.0", CultureInfo.InvariantCulture)} ({score})");
        }

        if (Cvss.FromWord(affected.DatabaseSeverity) is { } word) return (word, $"the advisory's rating {affected.DatabaseSeverity}");
        return (Severity.Medium, "no score in the advisory (medium assumed)");
    }

    // Names compare as each ecosystem does: npm and Packagist lower-case; PyPI normalised (PEP 503)
    private static (string, string) Key(string ecosystem, string name)
    {
        string eco = VersionSchemes.BaseName(ecosystem);
        string n = eco switch
        {
            "PyPI" => name.ToLowerInvariant().Replace('_', '-').Replace('.', '-'),
            "npm" or "Packagist" or "WordPress" => name.ToLowerInvariant(),
            _ => name,
        };
        return (eco, n);
    }
}
