namespace Ensuresec.Store;

/// <summary>An event as stored; <see cref="Seq"/> is the order of arrival and the order of processing.</summary>
public sealed record StoredEvent(long Seq, string Id, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt, string Json, bool Processed);
