using System.Diagnostics.CodeAnalysis;
using Ensuresec.Core.Events;

namespace Ensuresec.Server.Ingest;

/// <summary>
/// How the server reads events: a request body into items to store, and a stored item back into the model.
/// Implementations never throw for bad input: they report it.
/// </summary>
public interface IEventBatchDecoder
{
    /// <summary>
    /// Splits and checks a request body. Each accepted item carries its event.id, its @timestamp and its JSON
    /// text as it will be stored (and later given to <see cref="TryDecodeStored"/>); each refused item its index
    /// and reason. A body that cannot be read at all sets <see cref="DecodedBatch.Error"/>.
    /// </summary>
    DecodedBatch Decode(ReadOnlySpan<byte> body, EventBodyFormat format);

    /// <summary>Reads one stored item back into an event for the detectors.</summary>
    bool TryDecodeStored(string json, [NotNullWhen(true)] out SecurityEvent? securityEvent, [NotNullWhen(false)] out string? error);
}
