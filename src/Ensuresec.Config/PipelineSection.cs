namespace Ensuresec.Config;

/// <summary>pipeline: how detection work is spread over the cores.</summary>
public sealed class PipelineSection
{
    /// <summary>Detector partitions; 0 means one per core.</summary>
    public int Partitions { get; init; }

    /// <summary>Events waiting before writers are made to wait (back-pressure).</summary>
    public int InputCapacity { get; init; } = 16_384;

    internal void Validate(List<string> errors)
    {
        if (Partitions is < 0 or > 256) errors.Add("pipeline.partitions: must be between 0 (one per core) and 256");
        if (InputCapacity is < 1 or > 10_000_000) errors.Add("pipeline.input-capacity: must be between 1 and 10000000");
    }
}
