using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Incidents;
using Ensuresec.Server;
using Ensuresec.Server.Processing;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Throughput.Tests.Server;

/// <summary>
/// A real server on 127.0.0.1 (free port) over a data folder that outlives it, as `serve` builds it for alerts:
/// the external-alert detector, the incident correlator and the ledger.
/// </summary>
internal sealed class ThroughputServer : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private ThroughputServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public EnsuresecStore Store => _app.Services.GetRequiredService<EnsuresecStore>();

    public static async Task<ThroughputServer> StartAsync(string data, int partitions = 2)
    {
        var app = EnsuresecServer.Build(new ServerOptions
        {
            DataDirectory = data,
            Urls = "http://127.0.0.1:0",
            Detectors = [() => new ExternalAlertDetector()],
            IncidentBuilder = () => new CorrelatorBuilder(new IncidentCorrelator()),
            Pipeline = new Ensuresec.Core.Pipeline.PipelineOptions { Partitions = partitions },
            ProcessorPollInterval = TimeSpan.FromMilliseconds(50),
            MinimumLogLevel = LogLevel.Critical,
            RateLimits = new RateLimitOptions { RequestsPerSecond = 0 },
        });
        await app.StartAsync();
        var store = app.Services.GetRequiredService<EnsuresecStore>();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", store.Keys.Create(ApiRole.Admin, "test").Secret);
        return new ThroughputServer(app, client);
    }

    /// <summary>An alert from the attacker's address against its own account, <paramref name="ms"/> after T0.</summary>
    public static string Alert(string id, double ms, string user = "", string rule = "credential stuffing") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["@timestamp"] = T0.AddMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["event"] = new Dictionary<string, string> { ["id"] = id, ["kind"] = "alert" },
            ["source"] = new Dictionary<string, string> { ["ip"] = "203.0.113.7" },
            ["user"] = new Dictionary<string, string> { ["name"] = user.Length > 0 ? user : id + "@example.com" },
            ["rule"] = new Dictionary<string, string> { ["name"] = rule },
        });

    public async Task PostAsync(IEnumerable<string> events)
    {
        using var content = new StringContent(string.Join('\n', events), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var r = await Client.PostAsync(new Uri("/api/v1/events", UriKind.Relative), content);
        r.StatusCode.ShouldBe(HttpStatusCode.Accepted, await r.Content.ReadAsStringAsync());
    }

    public async Task WaitProcessedAsync(long events)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Store.CountEvents() < events || Store.CountBacklog() > 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the processor did not drain the backlog");
            await Task.Delay(20);
        }
    }

    /// <summary>Every incident the API lists, as JSON objects without the ledger index.</summary>
    public async Task<List<JsonObject>> IncidentsAsync()
    {
        var page = JsonNode.Parse(await Client.GetStringAsync(new Uri("/api/v1/incidents?limit=1000", UriKind.Relative)))!;
        var items = page["items"]!.AsArray().Select(n => n!.AsObject()).ToList();
        foreach (var i in items) i.Remove("ledger_index");
        return items;
    }

    /// <summary>Every finding the store holds, earliest first.</summary>
    public List<Finding> AllFindings()
    {
        var all = new List<Finding>();
        for (long offset = 0; ;)
        {
            var page = Store.QueryFindings(new Ensuresec.Store.Queries.FindingQuery { Limit = Ensuresec.Store.Queries.Paging.MaxLimit, Offset = offset });
            all.AddRange(page.Items);
            if (page.NextOffset is not { } next) return all;
            offset = next;
        }
    }

    /// <summary>The ledger entries of an id (finding or incident), oldest first, as their raw text.</summary>
    public async Task<List<string>> LedgerEntriesAsync(string id)
    {
        using var r = await Client.GetAsync(new Uri("/api/v1/ledger/lookup/" + Uri.EscapeDataString(id), UriKind.Relative));
        if (r.StatusCode == HttpStatusCode.NotFound) return [];
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        return [.. doc["entries"]!.AsArray().Select(e => e!["inclusion"]!["entry"]!.GetValue<string>())];
    }

    /// <summary>
    /// The ledger entries of an id once there are some: the processor appends to the ledger just after the store's
    /// commit, so an empty backlog does not yet mean the ledger has the batch.
    /// </summary>
    public async Task<List<string>> WaitLedgerEntriesAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var entries = await LedgerEntriesAsync(id);
            if (entries.Count > 0 || DateTime.UtcNow > deadline) return entries;
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class CorrelatorBuilder(IncidentCorrelator correlator) : IIncidentBuilder
    {
        public Incident? Add(Finding finding, ICollection<string> retiredIds) => correlator.Add(finding, retiredIds);

        public TimeSpan ReplayWindow => correlator.LongestWindow;
    }
}
