namespace Ensuresec.Store;

/// <summary>How many events of a batch were new and how many had an id already stored (resends).</summary>
public readonly record struct EventInsertResult(int Inserted, int Duplicates);
