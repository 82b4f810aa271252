using Ensuresec.Core.Findings;
using Ensuresec.Store;
using Ensuresec.Store.Queries;

namespace Ensuresec.Server.Ledger;

/// <summary>The most recent findings and incidents of the store, for the ledger's catch-up on start.</summary>
internal static class LedgerCatchUp
{
    public static IEnumerable<Finding> RecentFindings(EnsuresecStore store, int count)
    {
        long total = store.QueryFindings(new FindingQuery { Limit = 1 }).Total;
        for (long offset = Math.Max(0, total - count); offset < total; offset += Paging.MaxLimit)
        {
            foreach (var f in store.QueryFindings(new FindingQuery { Limit = Paging.MaxLimit, Offset = offset }).Items) yield return f;
        }
    }

    public static IEnumerable<Incident> RecentIncidents(EnsuresecStore store, int count)
    {
        long total = store.QueryIncidents(new IncidentQuery { Limit = 1 }).Total;
        for (long offset = Math.Max(0, total - count); offset < total; offset += Paging.MaxLimit)
        {
            foreach (var i in store.QueryIncidents(new IncidentQuery { Limit = Paging.MaxLimit, Offset = offset }).Items) yield return i;
        }
    }
}
