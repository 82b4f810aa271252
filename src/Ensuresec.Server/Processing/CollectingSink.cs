using System.Collections.Concurrent;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Server.Processing;

/// <summary>Holds the pipeline's findings until the processor takes them after a flush.</summary>
internal sealed class CollectingSink : IFindingSink
{
    private readonly ConcurrentQueue<Finding> _findings = new();

    public void Emit(Finding finding) => _findings.Enqueue(finding);

    public List<Finding> Drain()
    {
        var list = new List<Finding>(_findings.Count);
        while (_findings.TryDequeue(out var f)) list.Add(f);
        return list;
    }
}
