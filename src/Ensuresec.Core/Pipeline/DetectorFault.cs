namespace Ensuresec.Core.Pipeline;

/// <summary>A detector threw; the pipeline isolated it and went on.</summary>
public sealed record DetectorFault(string Detector, string? EventId, string Error, int Partition);
