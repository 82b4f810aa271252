namespace Ensuresec.Core.Pipeline;

/// <summary>Sizes of the pipeline's queues and partitions.</summary>
public sealed record PipelineOptions
{
    /// <summary>Detector partitions, each on its own task.</summary>
    public int Partitions { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Events waiting to be dispatched; writers wait when it is full (back-pressure).</summary>
    public int InputCapacity { get; init; } = 16_384;

    /// <summary>Most events dispatched in one batch.</summary>
    public int BatchSize { get; init; } = 1_024;

    /// <summary>Batches waiting per partition.</summary>
    public int PartitionCapacity { get; init; } = 8;

    /// <summary>Event time between two calls of <see cref="IDetector.Advance"/>.</summary>
    public TimeSpan AdvanceInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>After this many faults a detector is switched off in that partition, and that is reported.</summary>
    public int MaxFaultsPerDetector { get; init; } = 100;

    public void Validate()
    {
        if (Partitions < 1) throw new ArgumentOutOfRangeException(nameof(Partitions), Partitions, "at least 1");
        if (InputCapacity < 1) throw new ArgumentOutOfRangeException(nameof(InputCapacity), InputCapacity, "at least 1");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "at least 1");
        if (PartitionCapacity < 1) throw new ArgumentOutOfRangeException(nameof(PartitionCapacity), PartitionCapacity, "at least 1");
        if (AdvanceInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AdvanceInterval), AdvanceInterval, "positive");
        if (MaxFaultsPerDetector < 1) throw new ArgumentOutOfRangeException(nameof(MaxFaultsPerDetector), MaxFaultsPerDetector, "at least 1");
    }
}
