using Ensuresec.Core.Events;

namespace Ensuresec.Ingest;

/// <summary>What a batch yielded: the accepted events, in input order, and one error per rejected item.</summary>
public sealed record EventBatchResult(IReadOnlyList<SecurityEvent> Events, IReadOnlyList<ParseError> Errors)
{
    /// <summary>Items seen (accepted plus rejected).</summary>
    public int Items => Events.Count + Errors.Count;
}
