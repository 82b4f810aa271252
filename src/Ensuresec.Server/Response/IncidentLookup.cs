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
