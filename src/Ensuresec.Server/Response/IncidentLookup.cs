using Ensuresec.Core.Findings;
using Ensuresec.Store;
using Ensuresec.Store.Queries;

namespace Ensuresec.Server.Response;

/// <summary>
/// Finds a stored incident by id. The store has no lookup by id yet, so this pages through the incidents
/// (newest pages are not special-cased); fine for thousands of incidents. TODO for the store's owner: GetIncident(id).
/// </summary>
public static class IncidentLookup
{
    public static Incident? Find(EnsuresecStore store, string id)
    {
        long offset = 0;
        while (true)
        {
            var page = store.QueryIncidents(new IncidentQuery { Limit = Paging.MaxLimit, Offset = offset });
            var hit = page.Items.FirstOrDefault(i => i.Id == id);
            if (hit is not null) return hit;
            if (page.NextOffset is not { } next) return null;
            offset = next;
        }
    }

    /// <summary>
    /// The incident's findings that name an account (the ones whose roles matter for targeting), found through the
    /// store's entity index and kept when they belong to the incident. Bounded: at most 20 pages per account.
    /// </summary>
    public static IReadOnlyList<Finding> Findings(EnsuresecStore store, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(incident);
        var wanted = incident.FindingIds.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var account in incident.Entities.Where(e => e.Kind == EntityKinds.UserName))
        {
            long? offset = 0;
            for (int page = 0; page < 20 && offset is { } o && found.Count < wanted.Count; page++)
            {
                var result = store.QueryFindings(new FindingQuery { Entity = $"{account.Kind}={account.Value}", Limit = Paging.MaxLimit, Offset = o });
                foreach (var f in result.Items.Where(f => wanted.Contains(f.Id))) found.TryAdd(f.Id, f);
                offset = result.NextOffset;
            }
        }

        return [.. found.Values];
    }

    public static IEnumerable<Incident> All(EnsuresecStore store)
    {
        long? offset = 0;
        while (offset is { } o)
        {
            var page = store.QueryIncidents(new IncidentQuery { Limit = Paging.MaxLimit, Offset = o });
            foreach (var i in page.Items) yield return i;
            offset = page.NextOffset;
        }
    }
}
