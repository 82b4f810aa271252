using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ensuresec.Config;
using Ensuresec.Server;
using Ensuresec.Server.Processing;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Cli.Bench;

/// <summary>
/// Whole-server throughput: starts the server in-process on 127.0.0.1 over a temporary data folder (store, detectors,
/// correlator and ledger as `ensuresec serve` builds them), posts generated events in NDJSON batches to
/// POST /api/v1/events with an ingest key, and times until the processor has processed every one.
/// </summary>
internal sealed class ServeBench(EnsuresecConfig config)
{
    /// <summary>What the generated events make the server do.</summary>
    public enum Scenario
    {
        /// <summary>Every event is an alert from one address (each with its own account): one finding each, all in ONE incident.</summary>
        OneIncident,

        /// <summary>Every event is an alert from its own address: one finding each, each in its own incident.</summary>
        ManyIncidents,

        /// <summary>Benign web requests from many addresses: no findings.</summary>
        Benign,
    }

    /// <param name="Stages">The processor's time per stage (<see cref="ProcessingProfile.Stages"/>) and how many batches it took.</param>
    public sealed record Run(Scenario Scenario, int Events, double Seconds, long Findings, long Incidents, IReadOnlyList<TimeSpan> Stages, long Batches)
    {
        public double EventsPerSecond => Events / Seconds;
    }

    /// <summary>Time per event of each slice of <paramref name="SliceEvents"/> events, posted and processed one slice at a time.</summary>
    public sealed record Growth(int SliceEvents, IReadOnlyList<double> SecondsPerSlice);

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Posts all events as fast as the server acknowledges them, then waits until the backlog is empty.</summary>
    public async Task<Run> ThroughputAsync(Scenario scenario, int events, int batchSize, CancellationToken ct)
    {
        await using var server = await BenchServer.StartAsync(config, ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        for (int at = 0; at < events; at += batchSize)
        {
            await server.PostAsync(Body(scenario, at, Math.Min(batchSize, events - at)), ct).ConfigureAwait(false);
        }

        await server.WaitProcessedAsync(events, TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        var profile = server.Profile;
        return new Run(scenario, events, seconds, server.Count("findings"), server.Count("incidents"), profile.Totals, profile.Batches);
    }

    /// <summary>
    /// Posts one slice, waits until it is processed, and times it; so each slice's time is its own work, at the
    /// incident size reached so far (no backlog from earlier slices).
    /// </summary>
    public async Task<Growth> GrowthAsync(Scenario scenario, int events, int slice, CancellationToken ct)
    {
        await using var server = await BenchServer.StartAsync(config, ct).ConfigureAwait(false);
        var times = new List<double>();
        for (int at = 0; at < events; at += slice)
        {
            int n = Math.Min(slice, events - at);
            var clock = Stopwatch.StartNew();
            await server.PostAsync(Body(scenario, at, n), ct).ConfigureAwait(false);
            await server.WaitProcessedAsync(at + n, TimeSpan.FromMilliseconds(1), ct).ConfigureAwait(false);
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return new Growth(slice, times);
    }

    /// <summary>NDJSON of events [first, first + count): 10 ms apart in event time, so all stay within the correlator's gap.</summary>
    public static string Body(Scenario scenario, int first, int count)
    {
        var sb = new StringBuilder(count * 200);
        for (int i = first; i < first + count; i++)
        {
            string ts = Start.AddMilliseconds(10.0 * i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            string ip = string.Create(CultureInfo.InvariantCulture, $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}");
            sb.Append(scenario switch
            {
                Scenario.OneIncident => $$$"""{"@timestamp":"{{{ts}}}","event":{"id":"a-{{{i}}}","kind":"alert"},"source":{"ip":"203.0.113.7"},"user":{"name":"user{{{i}}}@example.com"},"rule":{"name":"credential stuffing"}}""",
                Scenario.ManyIncidents => $$$"""{"@timestamp":"{{{ts}}}","event":{"id":"m-{{{i}}}","kind":"alert"},"source":{"ip":"{{{ip}}}"},"rule":{"name":"port scan"}}""",
                _ => $$$"""{"@timestamp":"{{{ts}}}","event":{"id":"b-{{{i}}}","kind":"event","category":"web","action":"http-request","outcome":"success"},"source":{"ip":"{{{ip}}}"},"http":{"request":{"method":"GET"},"response":{"status_code":200}},"url":{"path":"/products/{{{i % 97}}}"}}""",
            });
            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The server of one run, its ingest client and a read-only view of its store.</summary>
    private sealed class BenchServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _client;
        private readonly EnsuresecStore _store;
        private readonly string _dir;

        private BenchServer(WebApplication app, HttpClient client, EnsuresecStore store, string dir)
        {
            _app = app;
            _client = client;
            _store = store;
            _dir = dir;
        }

        public static async Task<BenchServer> StartAsync(EnsuresecConfig config, CancellationToken ct)
        {
            string dir = Directory.CreateTempSubdirectory("ensuresec-serve-bench-").FullName;
            var options = new ServerOptions
            {
                DataDirectory = dir,
                Urls = "http://127.0.0.1:0",
                Detectors = Composition.Detectors(config),
                IncidentBuilder = () => Composition.IncidentBuilder(config),
                Pipeline = Composition.Pipeline(config),
                MinimumLogLevel = LogLevel.Warning,
                // The bench is one client sending as fast as it can; the per-client limit would measure itself.
                RateLimits = new RateLimitOptions { RequestsPerSecond = 0 },
            };
            var app = EnsuresecServer.Build(options);
            await app.StartAsync(ct).ConfigureAwait(false);
            var store = app.Services.GetRequiredService<EnsuresecStore>();
            var key = store.Keys.Create(ApiRole.Ingest, "serve-bench");
            var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
            return new BenchServer(app, client, store, dir);
        }

        public async Task PostAsync(string ndjson, CancellationToken ct)
        {
            using var content = new StringContent(ndjson, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await _client.PostAsync(new Uri("/api/v1/events", UriKind.Relative), content, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /api/v1/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
            }
        }

        /// <summary>Waits until <paramref name="events"/> are stored and none waits to be processed.</summary>
        public async Task WaitProcessedAsync(long events, TimeSpan poll, CancellationToken ct)
        {
            while (_store.CountEvents() < events || _store.CountBacklog() > 0) await Task.Delay(poll, ct).ConfigureAwait(false);
        }

        public ProcessingProfile Profile => _app.Services.GetRequiredService<ProcessingProfile>();

        public long Count(string table) => table switch
        {
            "findings" => _store.QueryFindings(new Store.Queries.FindingQuery { Limit = 1 }).Total,
            _ => _store.QueryIncidents(new Store.Queries.IncidentQuery { Limit = 1 }).Total,
        };

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
