using Ensuresec.Core.Findings;
using Ensuresec.Server.Processing;

namespace Ensuresec.Tests.Server;

/// <summary>A grouping-free incident builder: each finding becomes its own incident.</summary>
internal sealed class IncidentPerFinding : IIncidentBuilder
{
    public Incident? Add(Finding finding, ICollection<string> retiredIds) => new()
    {
        Id = "i:" + finding.Id,
        Title = finding.Explanation,
        Severity = finding.Severity,
        FirstSeen = finding.FirstSeen,
        LastSeen = finding.DetectedAt,
        Entities = finding.Entities,
        FindingIds = [finding.Id],
        Techniques = [finding.Technique],
        Story = [new IncidentStep(finding.DetectedAt, finding.Id, finding.RuleId, finding.Technique, finding.Severity, finding.Explanation)],
    };
}
