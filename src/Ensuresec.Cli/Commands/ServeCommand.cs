using System.CommandLine;
using Ensuresec.Demo.Scenario;
using Ensuresec.Server;
using Ensuresec.Server.Ingest;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec serve`: the HTTP API and the background processor over the data folder.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Data folder (holds ensuresec.db). Default: the configuration's data, ./ensuresec-data." };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, ';'-separated. Default: http://127.0.0.1:5080." };
        var demo = new Option<bool>("--demo") { Description = "Stream the retailer demo scenario (a week of a shop's traffic with an attack campaign) into the server, and print a read key to look at the results." };
        var seed = new Option<int>("--seed") { Description = "Seed of the --demo scenario.", DefaultValueFactory = _ => 1 };
        var config = ConfigOption.Create();
        var command = new Command("serve", "Run the HTTP API (events in, findings and incidents out) and the detection processor. Ctrl-C stops it.")
        {
            data, urls, demo, seed, config,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var cfg = ConfigOption.Load(pr.GetValue(config), Console.Error);
            if (cfg is null) return ExitCodes.BadUsage;
            if (Ensuresec.Cli.Waf.SigmaReport.Load(cfg) is { } sigma) Ensuresec.Cli.Waf.SigmaReport.Print(sigma, Console.Error);
            var options = new ServerOptions
            {
                DataDirectory = pr.GetValue(data) ?? cfg.Data,
                Urls = pr.GetValue(urls) ?? cfg.Server.Urls,
                MaxBodyBytes = cfg.Server.MaxBodyBytes,
                MaxEventsPerRequest = cfg.Server.MaxEventsPerRequest,
                Detectors = Composition.Detectors(cfg),
                IncidentBuilder = () => Composition.IncidentBuilder(cfg),
                Pipeline = Composition.Pipeline(cfg),
                EventRetention = cfg.Retention.Events,
                Ledger = new Ensuresec.Server.Ledger.LedgerOptions
                {
                    Enabled = cfg.Ledger.Enabled,
                    Folder = cfg.Ledger.Folder.Length > 0 ? cfg.Ledger.Folder : null,
                    SigningKey = cfg.Ledger.SigningKey.Length > 0 ? cfg.Ledger.SigningKey : null,
                    WitnessPolicy = cfg.Ledger.WitnessPolicy.Length > 0 ? cfg.Ledger.WitnessPolicy : null,
                    Origin = cfg.Ledger.Origin,
                    BatchSize = cfg.Ledger.BatchSize,
                    BatchLatency = cfg.Ledger.BatchLatency,
                    PublishInterval = cfg.Ledger.PublishInterval,
                },
            };
            await using var app = EnsuresecServer.Build(options);
            await app.StartAsync(ct).ConfigureAwait(false);
            Console.Out.WriteLine($"ensuresec listening on {string.Join(", ", app.Urls)}");
            Console.Out.WriteLine($"data: {Path.GetFullPath(options.DataDirectory)}");
            Console.Out.WriteLine("create a key with: ensuresec keys create --role ingest|read|admin --data <DIR>; Ctrl-C stops");
            Task feed = Task.CompletedTask;
            if (pr.GetValue(demo)) feed = FeedDemoAsync(app, pr.GetValue(seed), ct);
            try
            {
                await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await feed.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task FeedDemoAsync(WebApplication app, int seed, CancellationToken ct)
    {
        // The key is shown once and only its hash is stored, as with `keys create`.
        var key = app.Services.GetRequiredService<EnsuresecStore>().Keys.Create(ApiRole.Read, $"demo-{seed}");
        string url = app.Urls.First();
        Console.Out.WriteLine($"demo: streaming the retailer scenario, seed {seed}. Look at the results with:");
        Console.Out.WriteLine($"  curl -H 'X-Api-Key: {key.Secret}' '{url}/api/v1/incidents?limit=20'");
        Console.Out.WriteLine($"  curl -H 'X-Api-Key: {key.Secret}' '{url}/api/v1/findings?min_severity=high'");
        var scenario = RetailerScenario.Generate(seed);
        long fed = await LocalFeed.FeedAsync(app, scenario.Events, maxBacklog: 50_000, ct).ConfigureAwait(false);
        Console.Out.WriteLine($"demo: {fed:N0} events stored; detection finishes on the backlog. Ground truth: {scenario.Truth.Attacks.Count} attacks.");
    }
}
