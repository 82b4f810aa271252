namespace Ensuresec.Core.Pipeline;

/// <summary>
/// A key a detector keeps state by. <paramref name="Slot"/> tells the detector's key kinds apart
/// (slot 0 = per address, slot 1 = per account, ...); <paramref name="Value"/> is usually a field of the event,
/// so selecting keys allocates nothing.
/// </summary>
public readonly record struct DetectorKey(byte Slot, string Value);
