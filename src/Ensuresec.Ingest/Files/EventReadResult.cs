using System.Diagnostics.CodeAnalysis;
using Ensuresec.Core.Events;

namespace Ensuresec.Ingest;

/// <summary>One non-blank line of a file: either an event or the reason it is not one.</summary>
public readonly record struct EventReadResult(SecurityEvent? Event, ParseError? Error)
{
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsEvent => Event is not null;
}
