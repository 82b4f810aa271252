using System.CommandLine;
using System.Globalization;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Json;
using Ensuresec.Response;
using Ensuresec.Response.Execution;
using Ensuresec.Response.History;
using Ensuresec.Server.Response;
using Ensuresec.Store;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec respond suggest|accept|recover|history|auto`: mitigations for stored incidents.</summary>
internal static class RespondCommand
{
    public static Command Create()
    {
        var command = new Command("respond", "Respond to incidents: ranked mitigations, accept one, recover, history, policy run.");
        command.Subcommands.Add(Suggest());
        command.Subcommands.Add(Act("accept", "Run a suggested mitigation's playbook now; the result goes into the incident's history. Exit 1 when an action failed.", recover: false));
        command.Subcommands.Add(Act("recover", "Run a mitigation's recovery (undo the attack's effects), then the check that the effect is gone. Exit 1 when the check still sees it.", recover: true));
        command.Subcommands.Add(HistoryCommand());
        command.Subcommands.Add(RespondAutoCommand.Create());
        return command;
    }

    internal static Option<string> DataOption() =>
        new("--data") { Description = "Data folder (holds ensuresec.db, response.db and response.json).", DefaultValueFactory = _ => "./ensuresec-data" };

    internal static Option<string?> ConfigFileOption() =>
        new("--response-config") { Description = "Response settings (connectors, policy); default: response.json in the data folder." };

    internal static Option<string> IncidentOption() => new("--incident") { Description = "The incident id.", Required = true };

    internal static Option<string?> IncidentFileOption() =>
        new("--incident-file") { Description = "Read the incident from a JSON file (an incident, an array, or analyze --json output) instead of the data folder." };

    private static Command Suggest()
    {
        var incident = IncidentOption();
        var file = IncidentFileOption();
        var data = DataOption();
        var json = PlaybookCommand.JsonOption();
        var command = new Command("suggest", "Ranked mitigations for an incident, each with its reason and expected effect.");
        command.Options.Add(incident);
        command.Options.Add(file);
        command.Options.Add(data);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            var (found, error) = Find(pr.GetValue(incident)!, pr.GetValue(file), pr.GetValue(data)!);
            if (found is null)
            {
                Console.Error.WriteLine(error);
                return ExitCodes.BadUsage;
            }

            var ranked = Ensuresec.Response.Mitigations.MitigationRanker.Rank(found, Ensuresec.Response.Library.PlaybookLibrary.Default, FindingsFor(pr.GetValue(data)!, found));
            if (pr.GetValue(json))
            {
                Console.Out.WriteLine(ResponseJson.ToText(w =>
                {
                    w.WriteStartArray();
                    foreach (var m in ranked) ResponseJson.WriteMitigation(w, m);
                    w.WriteEndArray();
                }));
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"Incident {found.Id}: {found.Title} ({found.Severity.ToString().ToLowerInvariant()})");
            int rank = 1;
            foreach (var m in ranked)
            {
                Console.Out.WriteLine($"{rank++,2}. [{m.Score.ToString("0.000", CultureInfo.InvariantCulture)}] {m.Title}  (id {m.Id}{(m.Automatic ? ", may run automatically" : "")})");
                Console.Out.WriteLine($"    why:    {m.Reason}");
                Console.Out.WriteLine($"    effect: {m.ExpectedEffect}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Act(string name, string description, bool recover)
    {
        var incident = IncidentOption();
        var file = IncidentFileOption();
        var mitigation = new Option<string>("--mitigation") { Description = "The mitigation id (from respond suggest).", Required = true };
        var data = DataOption();
        var config = ConfigFileOption();
        var json = PlaybookCommand.JsonOption();
        var command = new Command(name, description);
        foreach (var o in new Option[] { incident, file, mitigation, data, config, json }) command.Options.Add(o);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var (found, error) = Find(pr.GetValue(incident)!, pr.GetValue(file), pr.GetValue(data)!);
            var (runtime, configError) = found is null ? (null, error) : ResponseRuntime.Open(pr.GetValue(data)!, pr.GetValue(config), TimeProvider.System);
            if (found is null || runtime is null)
            {
                Console.Error.WriteLine(configError ?? error);
                return ExitCodes.BadUsage;
            }

            using (runtime)
            {
                runtime.Service.FindingsOf = i => FindingsFor(pr.GetValue(data)!, i);
                string id = pr.GetValue(mitigation)!;
                var runs = new List<RunRecord>();
                if (recover)
                {
                    if (await runtime.Service.RecoverAsync(found, id, "cli", ct).ConfigureAwait(false) is { } outcome)
                    {
                        runs.Add(outcome.Recovery);
                        if (outcome.Check is not null) runs.Add(outcome.Check);
                    }
                }
                else if (await runtime.Service.AcceptAsync(found, id, "cli", ct).ConfigureAwait(false) is { } run)
                {
                    runs.Add(run);
                }

                if (runs.Count == 0)
                {
                    Console.Error.WriteLine($"--mitigation: {id} is not a suggestion for incident {found.Id}{(recover ? " with a recovery" : "")} (see respond suggest)");
                    return ExitCodes.BadUsage;
                }

                PrintRuns(runs, pr.GetValue(json));
                return runs.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.FindingsAtOrAbove;
            }
        });
        return command;
    }

    private static Command HistoryCommand()
    {
        var incident = IncidentOption();
        var data = DataOption();
        var json = PlaybookCommand.JsonOption();
        var command = new Command("history", "Every response run and action recorded for an incident, oldest first.");
        command.Options.Add(incident);
        command.Options.Add(data);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            using var history = ResponseHistory.Open(pr.GetValue(data)!);
            PrintRuns(history.ForIncident(pr.GetValue(incident)!), pr.GetValue(json));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The incident's findings from the data folder, for the roles of its accounts; null without a store.</summary>
    internal static IReadOnlyList<Finding>? FindingsFor(string data, Incident incident)
    {
        if (!File.Exists(Path.Combine(data, "ensuresec.db"))) return null;
        using var store = EnsuresecStore.Open(new StoreOptions { DataDirectory = data });
        return IncidentLookup.Findings(store, incident);
    }

    internal static (Incident? Incident, string? Error) Find(string id, string? file, string data)
    {
        if (file is not null) return FromFile(id, file);
        string db = Path.Combine(data, "ensuresec.db");
        if (!File.Exists(db)) return (null, $"--data: no ensuresec.db in {data} (or give --incident-file)");
        using var store = EnsuresecStore.Open(new StoreOptions { DataDirectory = data });
        return IncidentLookup.Find(store, id) is { } found ? (found, null) : (null, $"--incident: no incident {id} in {data}");
    }

    private static (Incident?, string?) FromFile(string id, string file)
    {
        System.Text.Json.JsonDocument doc;
        try
        {
            if (new FileInfo(file).Length > 256L * 1024 * 1024) return (null, $"{file}: larger than 256 MiB");
            doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file), new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return (null, $"{file}: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            var candidates = root.ValueKind switch
            {
                System.Text.Json.JsonValueKind.Array => root.EnumerateArray().ToList(),
                System.Text.Json.JsonValueKind.Object when root.TryGetProperty("incidents", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array => list.EnumerateArray().ToList(),
                System.Text.Json.JsonValueKind.Object => [root],
                _ => [],
            };
            foreach (var c in candidates)
            {
                var read = IncidentJson.Read(c);
                if (read.Value is { } incident && incident.Id == id) return (incident, null);
                if (read.Value is null && candidates.Count == 1) return (null, $"{file}: {read.Error}");
            }

            return (null, $"{file}: no incident {id}");
        }
    }

    internal static void PrintRuns(IReadOnlyList<RunRecord> runs, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(ResponseJson.ToText(w =>
            {
                w.WriteStartArray();
                foreach (var r in runs) ResponseJson.WriteRun(w, r);
                w.WriteEndArray();
            }));
            return;
        }

        foreach (var r in runs)
        {
            string gone = r.EffectGone is { } g ? g ? ", effect gone" : ", EFFECT STILL PRESENT" : "";
            Console.Out.WriteLine($"{r.Started:u} {r.Kind.ToString().ToLowerInvariant()} {r.Playbook} by {r.StartedBy}: {(r.Succeeded ? "succeeded" : "FAILED")}{gone}{(r.Error is null ? "" : " (" + r.Error + ")")}");
            foreach (var s in r.Steps) Console.Out.WriteLine($"    {s.Status.ToString().ToLowerInvariant(),-9} {s.Kind,-22} {s.StepName}: {s.Detail}");
        }
    }

    internal static void PrintSteps(IReadOnlyList<StepResult> steps, bool succeeded, string? error, bool json, string name)
    {
        if (json)
        {
            Console.Out.WriteLine(ResponseJson.ToText(w =>
            {
                w.WriteStartObject();
                w.WriteString("playbook", name);
                w.WriteBoolean("succeeded", succeeded);
                if (error is not null) w.WriteString("error", error);
                w.WriteStartArray("actions");
                foreach (var s in steps)
                {
                    w.WriteStartObject();
                    w.WriteString("step", s.StepName);
                    w.WriteString("kind", s.Kind);
                    w.WriteString("status", s.Status.ToString().ToLowerInvariant());
                    w.WriteString("detail", s.Detail);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
            return;
        }

        Console.Out.WriteLine($"{name}: {(succeeded ? "succeeded" : "FAILED: " + error)}");
        foreach (var s in steps) Console.Out.WriteLine($"    {s.Status.ToString().ToLowerInvariant(),-9} {s.Kind,-22} {s.StepName}: {s.Detail}");
    }
}
