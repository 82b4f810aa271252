using Ensuresec.Core.Events;

namespace Ensuresec.Demo.Scenario;

/// <summary>
/// A generated scenario: its ground truth, known up front, and its events, produced lazily in time order.
/// Each enumeration of <see cref="Events"/> regenerates the same events from the seed.
/// </summary>
public sealed record GeneratedScenario(GroundTruth Truth, IEnumerable<SecurityEvent> Events);
