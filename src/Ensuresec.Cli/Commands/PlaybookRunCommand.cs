using System.CommandLine;
using Ensuresec.Response;
using Ensuresec.Response.Cacao;
using Ensuresec.Response.Library;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec playbook run`: validates, then runs a playbook file or a shipped one through the configured connectors.</summary>
internal static class PlaybookRunCommand
{
    public static Command Create()
    {
        var playbook = new Argument<string>("playbook") { Description = "A playbook JSON file, or the name of a shipped playbook (see playbook list)." };
        var vars = new Option<string[]>("--var") { Description = "A variable as NAME=VALUE (e.g. __address__=203.0.113.7); repeatable.", AllowMultipleArgumentsPerToken = false };
        var data = RespondCommand.DataOption();
        var config = RespondCommand.ConfigFileOption();
        var json = PlaybookCommand.JsonOption();
        var command = new Command("run", "Run a playbook now (after validating it) and print each action's result. Exit 1 when the run fails.");
        command.Arguments.Add(playbook);
        command.Options.Add(vars);
        command.Options.Add(data);
        command.Options.Add(config);
        command.Options.Add(json);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string v in pr.GetValue(vars) ?? [])
            {
                int eq = v.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    Console.Error.WriteLine($"--var: expected NAME=VALUE, got '{v}'");
                    return ExitCodes.BadUsage;
                }

                inputs[v[..eq]] = v[(eq + 1)..];
            }

            var (runtime, error) = ResponseRuntime.Open(pr.GetValue(data)!, pr.GetValue(config), TimeProvider.System);
            if (runtime is null)
            {
                Console.Error.WriteLine(error);
                return ExitCodes.BadUsage;
            }

            using (runtime)
            {
                CacaoSchemas? schemas = null;
                if (runtime.Config.Schemas is { } folder)
                {
                    (schemas, string? schemaError) = CacaoSchemas.Open(folder);
                    if (schemas is null)
                    {
                        Console.Error.WriteLine("schemas: " + schemaError);
                        return ExitCodes.BadUsage;
                    }
                }

                string name = pr.GetValue(playbook)!;
                var load = File.Exists(name) ? PlaybookValidator.ValidateFile(name, schemas)
                    : PlaybookLibrary.Default.Playbooks.TryGetValue(name, out var shipped) ? shipped
                    : null;
                if (load is null)
                {
                    Console.Error.WriteLine($"{name}: no such file and no shipped playbook of that name");
                    return ExitCodes.BadUsage;
                }

                if (!load.IsValid)
                {
                    foreach (var p in load.Errors) Console.Error.WriteLine(p);
                    return ExitCodes.FindingsAtOrAbove;
                }

                var result = await runtime.Executor.RunAsync(load.Playbook!, inputs, ct).ConfigureAwait(false);
                RespondCommand.PrintSteps(result.Steps, result.Succeeded, result.Error, pr.GetValue(json), result.PlaybookName);
                return result.Succeeded ? ExitCodes.Ok : ExitCodes.FindingsAtOrAbove;
            }
        });
        return command;
    }
}
