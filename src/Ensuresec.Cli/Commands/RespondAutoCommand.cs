using System.CommandLine;
using Ensuresec.Response;
using Ensuresec.Response.History;
using Ensuresec.Server.Response;
using Ensuresec.Store;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec respond auto`: one pass of the auto-run policy over the stored incidents (what serve does continuously).</summary>
internal static class RespondAutoCommand
{
    public static Command Create()
    {
        var data = RespondCommand.DataOption();
        var config = RespondCommand.ConfigFileOption();
        var json = PlaybookCommand.JsonOption();
        var command = new Command("auto", "Run, once, every mitigation response.json's auto_run policy allows on the stored incidents (each at most once per incident).");
        command.Options.Add(data);
        command.Options.Add(config);
        command.Options.Add(json);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            string folder = pr.GetValue(data)!;
            if (!File.Exists(Path.Combine(folder, "ensuresec.db")))
            {
                Console.Error.WriteLine($"--data: no ensuresec.db in {folder}");
                return ExitCodes.BadUsage;
            }

            var (runtime, error) = ResponseRuntime.Open(folder, pr.GetValue(config), TimeProvider.System);
            if (runtime is null)
            {
                Console.Error.WriteLine(error);
                return ExitCodes.BadUsage;
            }

            using (runtime)
            {
                using var store = EnsuresecStore.Open(new StoreOptions { DataDirectory = folder });
                runtime.Service.FindingsOf = i => IncidentLookup.Findings(store, i);
                var runs = new List<RunRecord>();
                foreach (var incident in IncidentLookup.All(store).ToList())
                    runs.AddRange(await runtime.Service.AutoRespondAsync(incident, ct).ConfigureAwait(false));
                if (runs.Count == 0 && !pr.GetValue(json)) Console.Out.WriteLine(runtime.Config.AutoRun.Mitigations.Count == 0 ? "auto_run lists no mitigations in response.json: nothing runs by itself" : "nothing to run");
                else RespondCommand.PrintRuns(runs, pr.GetValue(json));
                return runs.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.FindingsAtOrAbove;
            }
        });
        return command;
    }
}
