namespace Ensuresec.Store;

/// <summary>An event to store: its event.id, its @timestamp and its JSON text exactly as it will be kept.</summary>
public sealed record EventRecord(string Id, DateTimeOffset Timestamp, string Json);
