using System.Collections.Concurrent;
using Ensuresec.Server;
using Ensuresec.Store;
using Ensuresec.Store.Queries;
using Ensuresec.Tests.Pipeline;
using Ensuresec.Tests.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Tests.Server;

/// <summary>After a restart the detectors first replay the last processed events, so a window that was filling goes on filling.</summary>
public sealed class WarmUpTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(50_000, 1)]
    [InlineData(0, 0)]
    public async Task Restart_WindowFilledBeforeIt_CompletesAfterIt(int warmUpEvents, int expectedFindings)
    {
        // Two events of 192.0.2.7 were processed before the restart; the detector fires on the third.
        using (var before = EnsuresecStore.Open(new StoreOptions { DataDirectory = _dir.Path }))
        {
            before.AddEvents([Record("a", 0), Record("b", 1)]);
            var seqs = before.ReadBacklog(10).Select(e => e.Seq).ToList();
            before.CommitProcessed(seqs, [], []);
        }

        var options = new ServerOptions
        {
            DataDirectory = _dir.Path,
            Urls = "http://127.0.0.1:0",
            Detectors = [() => new CountingDetector(3, new ConcurrentDictionary<string, ConcurrentBag<int>>())],
            Pipeline = new Ensuresec.Core.Pipeline.PipelineOptions { Partitions = 2 },
            ProcessorPollInterval = TimeSpan.FromMilliseconds(50),
            MinimumLogLevel = LogLevel.Warning,
            WarmUpEvents = warmUpEvents,
        };
        await using var app = EnsuresecServer.Build(options);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<EnsuresecStore>();
        store.AddEvents([Record("c", 2)]);
        for (int i = 0; i < 200 && store.CountBacklog() > 0; i++) await Task.Delay(50);
        await Task.Delay(200);

        store.CountBacklog().ShouldBe(0);
        store.QueryFindings(new FindingQuery()).Total.ShouldBe(expectedFindings);
        await app.StopAsync();
    }

    [Theory]
    [InlineData(50_000, 1)]
    [InlineData(0, 2)]
    public async Task Restart_FindingOfAnOngoingIncident_JoinsIt(int warmUpEvents, int expectedIncidents)
    {
        await RunServerAsync(warmUpEvents, store => store.AddEvents([Record("a", 0)]));
        var after = await RunServerAsync(warmUpEvents, store => store.AddEvents([Record("b", 60)]));

        after.ShouldBe(expectedIncidents);
    }

    /// <summary>Starts a server on the folder, adds events, waits until they are processed; returns the incidents stored.</summary>
    private async Task<long> RunServerAsync(int warmUpEvents, Action<EnsuresecStore> add)
    {
        var options = new ServerOptions
        {
            DataDirectory = _dir.Path,
            Urls = "http://127.0.0.1:0",
            Detectors = [() => new OneFindingPerEventDetector()],
            IncidentBuilder = () => new CorrelatorBuilder(),
            ProcessorPollInterval = TimeSpan.FromMilliseconds(50),
            MinimumLogLevel = LogLevel.Warning,
            WarmUpEvents = warmUpEvents,
        };
        await using var app = EnsuresecServer.Build(options);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<EnsuresecStore>();
        await Task.Delay(200);
        add(store);
        for (int i = 0; i < 200 && store.CountBacklog() > 0; i++) await Task.Delay(50);
        await Task.Delay(200);
        long incidents = store.QueryIncidents(new IncidentQuery()).Total;
        await app.StopAsync();
        return incidents;
    }

    private sealed class CorrelatorBuilder : Ensuresec.Server.Processing.IIncidentBuilder
    {
        private readonly Ensuresec.Detection.Incidents.IncidentCorrelator _correlator = new();

        public Ensuresec.Core.Findings.Incident? Add(Ensuresec.Core.Findings.Finding finding, ICollection<string> retiredIds) => _correlator.Add(finding, retiredIds);
    }

    private static EventRecord Record(string id, int second) => new(id, Samples.T0.AddSeconds(second), ServerHarness.Event(id, "192.0.2.7", second));
}
