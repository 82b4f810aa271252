using System.CommandLine;
using Ensuresec.Core.Pipeline;
using Ensuresec.Server;
using Ensuresec.Server.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec serve`: the HTTP API and the background processor over the data folder.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder (holds ensuresec.db).", DefaultValueFactory = _ => "./ensuresec-data" };
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve", "Run the HTTP API (events in, findings and incidents out) and the detection processor. Ctrl-C stops it.");
        command.Options.Add(data);
        command.Options.Add(urls);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var options = new ServerOptions
            {
                DataDirectory = pr.GetValue(data)!,
                Urls = pr.GetValue(urls)!,
                Detectors = Detectors(),
            };
            await using var app = EnsuresecServer.Build(options);
            await app.StartAsync(ct).ConfigureAwait(false);
            Console.Out.WriteLine($"ensuresec listening on {string.Join(", ", app.Urls)}");
            Console.Out.WriteLine($"data: {Path.GetFullPath(options.DataDirectory)}");
            Console.Out.WriteLine("create a key with: ensuresec keys create --role ingest --data <DIR>; Ctrl-C stops");
            try
            {
                await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // LEAD: plug Ensuresec.Detection's DetectorCatalog in here (its factories, then this one).
    private static IReadOnlyList<Func<IDetector>> Detectors() => [() => new ExternalAlertDetector()];
}
