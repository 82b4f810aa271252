using Ensuresec.Core.Findings;

namespace Ensuresec.Server.Processing;

/// <summary>
/// Joins findings into incidents. Called by one task at a time, in the order findings reach the store.
/// </summary>
public interface IIncidentBuilder
{
    /// <summary>
    /// Adds a finding; returns the incident it now belongs to (new or grown), or null if none. Incidents that the
    /// finding merged into another one are added to <paramref name="retiredIds"/>, so the store can delete them.
    /// </summary>
    Incident? Add(Finding finding, ICollection<string> retiredIds);

    /// <summary>How far back (detection time) the findings must be fed again after a restart to rebuild the incidents still growing: its longest join window.</summary>
    TimeSpan ReplayWindow => TimeSpan.FromHours(1);
}
