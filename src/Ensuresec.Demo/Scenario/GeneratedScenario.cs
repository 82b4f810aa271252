using Ensuresec.Core.Events;

namespace Ensuresec.Demo.Scenario;

/// <summary>
/// A generated scenario: its ground truth, known up front, and its events, produced lazily in time order.
/// Each enumeration of <see cref="Events"/> regenerates the same events from the seed.
/// </summary>
public sealed record GeneratedScenario(GroundTruth Truth, IEnumerable<SecurityEvent> Events)
{
    /// <summary>The asset map of the scenario's world (pharmacy, bank), which its detectors and correlator use; null for none.</summary>
    public Ensuresec.Physical.Assets.AssetMap? Assets { get; init; }

    /// <summary>The same map as YAML, to write beside the events (<c>ensuresec demo --out-events</c>).</summary>
    public string? AssetMapYaml { get; init; }
}
