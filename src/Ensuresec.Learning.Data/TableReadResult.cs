namespace Ensuresec.Learning.Data;

/// <summary>A table, or the first error that stopped reading it.</summary>
public sealed record TableReadResult(LearningTable? Table, DataError? Error);
