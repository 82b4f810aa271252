using Ensuresec.Core.Events;
using Ensuresec.Ingest;
using Ensuresec.Server.Processing;
using Ensuresec.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ensuresec.Server.Ingest;

/// <summary>
/// Feeds events from inside the process (serve --demo) through the same path as POST /api/v1/events: normalised ECS
/// JSON into the store, then the processor. It waits while the backlog is large, so a week of events does not
/// outrun detection.
/// </summary>
public static class LocalFeed
{
    public static async Task<long> FeedAsync(WebApplication app, IEnumerable<SecurityEvent> events, int maxBacklog, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(events);
        var store = app.Services.GetRequiredService<EnsuresecStore>();
        var signal = app.Services.GetRequiredService<ProcessorSignal>();
        var batch = new List<EventRecord>(1_000);
        long fed = 0;
        foreach (var e in events)
        {
            batch.Add(new EventRecord(e.Id, e.Timestamp, SecurityEventJson.ToJson(e)));
            if (batch.Count < batch.Capacity) continue;
            fed += await FlushAsync(store, signal, batch, maxBacklog, ct).ConfigureAwait(false);
        }

        fed += await FlushAsync(store, signal, batch, maxBacklog, ct).ConfigureAwait(false);
        return fed;
    }

    private static async Task<long> FlushAsync(EnsuresecStore store, ProcessorSignal signal, List<EventRecord> batch, int maxBacklog, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        while (store.CountBacklog() > maxBacklog) await Task.Delay(100, ct).ConfigureAwait(false);
        int n = store.AddEvents(batch).Inserted;
        batch.Clear();
        signal.Notify();
        return n;
    }
}
