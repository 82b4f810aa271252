using Ensuresec.Core.Events;
using Ensuresec.Server;
using Ensuresec.Server.Ingest;
using Ensuresec.Store;
using Ensuresec.Store.Queries;
using Ensuresec.Tests.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Tests.Server;

/// <summary>serve --demo feeds events in-process: they must take the same path as the API, stored and processed once.</summary>
public sealed class LocalFeedTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FeedAsync_EventsAreStoredProcessedAndNotDuplicatedOnAResend()
    {
        var options = new ServerOptions
        {
            DataDirectory = _dir.Path,
            Urls = "http://127.0.0.1:0",
            Detectors = [() => new OneFindingPerEventDetector()],
            ProcessorPollInterval = TimeSpan.FromMilliseconds(50),
            MinimumLogLevel = LogLevel.Warning,
        };
        await using var app = EnsuresecServer.Build(options);
        await app.StartAsync();
        var events = Enumerable.Range(0, 2_500).Select(i => new SecurityEvent
        {
            Id = "feed-" + i,
            Timestamp = Samples.T0.AddSeconds(i),
            SourceIp = "192.0.2." + (i % 200),
            Extra = new System.Text.Json.Nodes.JsonObject { ["labels"] = new System.Text.Json.Nodes.JsonObject { ["run"] = "demo" } },
        }).ToList();

        (await LocalFeed.FeedAsync(app, events, maxBacklog: 1_000, CancellationToken.None)).ShouldBe(2_500);
        (await LocalFeed.FeedAsync(app, events.Take(10), maxBacklog: 1_000, CancellationToken.None)).ShouldBe(0, "a resend is not a duplicate");

        var store = app.Services.GetRequiredService<EnsuresecStore>();
        for (int i = 0; i < 200 && store.CountBacklog() > 0; i++) await Task.Delay(50);
        store.CountBacklog().ShouldBe(0);
        store.CountEvents().ShouldBe(2_500);
        store.QueryFindings(new FindingQuery()).Total.ShouldBe(2_500);
        store.GetEvents(["feed-7"]).ShouldHaveSingleItem().Json.ShouldContain("\"run\":\"demo\"", Case.Sensitive, "unknown fields are kept");
        await app.StopAsync();
    }
}
