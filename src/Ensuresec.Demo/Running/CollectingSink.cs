using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Demo.Running;

/// <summary>Keeps every finding; the pipeline calls it from one task at a time.</summary>
internal sealed class CollectingSink : IFindingSink
{
    public List<Finding> Findings { get; } = [];

    public void Emit(Finding finding) => Findings.Add(finding);
}
