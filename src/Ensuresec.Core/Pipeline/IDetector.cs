using Ensuresec.Core.Events;

namespace Ensuresec.Core.Pipeline;

/// <summary>
/// A detector. The pipeline makes one instance per partition and sends each key's events to one partition only,
/// in input order, so an instance owns the state of its keys without locks.
/// Time is event time: a detector never reads a clock.
/// </summary>
public interface IDetector
{
    /// <summary>Stable name, used in findings, configuration and fault reports (e.g. "request-flood").</summary>
    string Name { get; }

    /// <summary>
    /// Adds the keys whose state this event updates; none if the detector ignores it.
    /// Must be pure (no state): it runs on the dispatcher, not on the partition.
    /// </summary>
    void SelectKeys(SecurityEvent e, List<DetectorKey> keys);

    /// <summary>Updates the state of <paramref name="key"/> with the event; may raise findings.</summary>
    void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings);

    /// <summary>
    /// Event time has reached <paramref name="now"/> on this partition: expire old state and raise what only
    /// the passing of time reveals. Called at least every <see cref="PipelineOptions.AdvanceInterval"/> of event time and at the end of input.
    /// </summary>
    void Advance(DateTimeOffset now, IFindingSink findings);
}
