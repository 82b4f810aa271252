using Ensuresec.Config;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection;
using Ensuresec.Detection.Incidents;
using Ensuresec.Server.Processing;

namespace Ensuresec.Cli;

/// <summary>Builds the platform's parts from the configuration, the same way for every command.</summary>
internal static class Composition
{
    /// <summary>The enabled detectors, then the one that turns alerts from other tools (event.kind=alert) into findings.</summary>
    public static IReadOnlyList<Func<IDetector>> Detectors(EnsuresecConfig config) => Detectors(config, null);

    /// <summary>As <see cref="Detectors(EnsuresecConfig)"/>, with <paramref name="assets"/> instead of the configured asset map when given (a demo's own world).</summary>
    public static IReadOnlyList<Func<IDetector>> Detectors(EnsuresecConfig config, Ensuresec.Physical.Assets.AssetMap? assets) =>
        [.. DetectorCatalog.Create(config.Detection, assets ?? config.Assets.Loaded()), () => new ExternalAlertDetector()];

    /// <summary>Groups findings (in event-time order) into incidents.</summary>
    public static IReadOnlyList<Incident> Correlate(EnsuresecConfig config, IReadOnlyList<Finding> findings)
    {
        var correlator = new IncidentCorrelator(config.Incidents, config.Assets.Links());
        foreach (var f in findings) correlator.Add(f);
        return correlator.Incidents;
    }

    /// <summary>The incremental correlator the server keeps between batches.</summary>
    public static IIncidentBuilder IncidentBuilder(EnsuresecConfig config) => new CorrelatorIncidentBuilder(new IncidentCorrelator(config.Incidents, config.Assets.Links()));

    public static PipelineOptions Pipeline(EnsuresecConfig config) => new()
    {
        Partitions = config.Pipeline.Partitions == 0 ? Math.Max(1, Environment.ProcessorCount) : config.Pipeline.Partitions,
        InputCapacity = config.Pipeline.InputCapacity,
    };

    private sealed class CorrelatorIncidentBuilder(IncidentCorrelator correlator) : IIncidentBuilder
    {
        public Incident? Add(Finding finding, ICollection<string> retiredIds) => correlator.Add(finding, retiredIds);

        public TimeSpan ReplayWindow => correlator.LongestWindow;
    }
}
