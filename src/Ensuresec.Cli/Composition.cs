using Ensuresec.Config;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Server.Processing;

namespace Ensuresec.Cli;

/// <summary>Builds the platform's parts from the configuration, the same way for every command.</summary>
internal static class Composition
{
    public static IReadOnlyList<Func<IDetector>> Detectors(EnsuresecConfig config) => [() => new ExternalAlertDetector()];

    public static IReadOnlyList<Incident> Correlate(EnsuresecConfig config, IReadOnlyList<Finding> findings) => [];

    public static PipelineOptions Pipeline(EnsuresecConfig config) => new()
    {
        Partitions = config.Pipeline.Partitions == 0 ? Math.Max(1, Environment.ProcessorCount) : config.Pipeline.Partitions,
        InputCapacity = config.Pipeline.InputCapacity,
    };
}
