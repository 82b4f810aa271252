namespace Ensuresec.Store;

/// <summary>What one processing commit changed.</summary>
public readonly record struct ProcessedCommit(int EventsMarked, int FindingsInserted, int IncidentsUpserted);
