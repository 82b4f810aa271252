using Ensuresec.Core.Events;

namespace Ensuresec.Response;

/// <summary>
/// Which mitigations may run without an analyst: those listed here that the library also marks automatic,
/// on incidents at or above the minimum severity. Empty by default: nothing runs by itself until the operator says so.
/// </summary>
public sealed record AutoRunPolicy(IReadOnlyList<string> Mitigations, Severity MinSeverity)
{
    public static readonly AutoRunPolicy Off = new([], Severity.Critical);

    public bool Allows(string entryId, bool libraryAllows, Severity incidentSeverity) =>
        libraryAllows && incidentSeverity >= MinSeverity && Mitigations.Contains(entryId, StringComparer.Ordinal);
}
