using Ensuresec.Core.Findings;

namespace Ensuresec.Server.Processing;

/// <summary>
/// Joins findings into incidents. Called by one task at a time, in the order findings reach the store.
/// </summary>
public interface IIncidentBuilder
{
    /// <summary>Adds a finding; returns the incident it now belongs to (new or grown), or null if none.</summary>
    Incident? Add(Finding finding);
}
