namespace Ensuresec.Server.Ingest;

/// <summary>What a decoder made of a body: items to store, items refused, or an error that refuses it all.</summary>
public sealed record DecodedBatch(IReadOnlyList<DecodedEvent> Events, IReadOnlyList<RejectedItem> Rejected, string? Error = null)
{
    /// <summary>A body that could not be read at all (e.g. malformed JSON array, too many items).</summary>
    public static DecodedBatch Failed(string error) => new([], [], error);
}

/// <summary>An accepted item: its event.id, its @timestamp and the JSON text to store.</summary>
public sealed record DecodedEvent(string Id, DateTimeOffset Timestamp, string Json);

/// <summary>A refused item with its position in the body and why.</summary>
public sealed record RejectedItem(int Index, string Reason);
