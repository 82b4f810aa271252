using System.CommandLine;
using Ensuresec.Ledger.Witness;
using Ensuresec.Server.Ledger;
using Microsoft.Extensions.Hosting;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec witness init|serve`: run a c2sp.org/tlog-witness for another party's ledger.</summary>
internal static class WitnessCommand
{
    public static Command Create()
    {
        var command = new Command("witness", "A transparency-log witness (c2sp.org/tlog-witness): cosigns a log's checkpoints only if they extend the last one it saw.");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Serve());
        return command;
    }

    private static Option<string> DataOption() =>
        new("--data") { Description = "The witness folder (key, trusted logs, state).", DefaultValueFactory = _ => "./ensuresec-witness" };

    private static Command Init()
    {
        var data = DataOption();
        var name = new Option<string>("--name") { Description = "The witness's name (its key name), e.g. courier.example/witness.", Required = true };
        var json = LedgerCommand.JsonOption();
        var command = new Command("init", "Create a witness key; prints the cosigner vkey to put in a log's policy (witness NAME VKEY URL).");
        command.Options.Add(data);
        command.Options.Add(name);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            var created = WitnessFolder.Init(pr.GetValue(data)!, pr.GetValue(name)!);
            if (!created.Ok) return LedgerOutput.Fail(created.Error);
            if (pr.GetValue(json)) LedgerOutput.Json(w => w.WriteString("vkey", created.Value));
            else Console.Out.WriteLine($"vkey: {created.Value}\nAdd the logs to witness to {Path.Combine(pr.GetValue(data)!, WitnessFolder.TrustedLogs)} (log <vkey>), or pass --log to serve.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Serve()
    {
        var data = DataOption();
        var urls = new Option<string>("--urls") { Description = "Where to listen (';'-separated); port 0 picks a free port.", DefaultValueFactory = _ => "http://127.0.0.1:5090" };
        var logs = new Option<string[]>("--log") { Description = "A log verifier key to trust (repeatable), besides the trusted-logs file.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", "Serve POST /add-checkpoint and GET /<origin hash>/checkpoint until stopped.");
        command.Options.Add(data);
        command.Options.Add(urls);
        command.Options.Add(logs);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = WitnessHost.Build(pr.GetValue(data)!, pr.GetValue(urls)!, pr.GetValue(logs) ?? []);
            }
            catch (InvalidOperationException ex)
            {
                return LedgerOutput.Fail(ex.Message);
            }

            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(ct).ConfigureAwait(false);
                foreach (var url in app.Urls) Console.Out.WriteLine($"witness listening on {url}");
                Console.Out.Flush();
                try
                {
                    await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
                }
                finally
                {
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
