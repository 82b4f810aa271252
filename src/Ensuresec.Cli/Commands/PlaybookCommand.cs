using System.CommandLine;
using System.Globalization;
using Ensuresec.Response;
using Ensuresec.Response.Cacao;
using Ensuresec.Response.Library;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec playbook validate|list|run`: CACAO 2.0 playbooks.</summary>
internal static class PlaybookCommand
{
    public static Command Create()
    {
        var command = new Command("playbook", "CACAO 2.0 playbooks: validate files, list the shipped library, run one.");
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(List());
        command.Subcommands.Add(PlaybookRunCommand.Create());
        return command;
    }

    internal static Option<string?> SchemasOption() => new("--schemas")
    {
        Description = "Folder of the CACAO 2.0 JSON schemas (cacao-json-schemas, the one holding playbook.json). Default: 'schemas' in the data folder's response.json; without either, only structure and workflow are checked.",
    };

    /// <summary>The schemas from --schemas, else from response.json's "schemas"; an error when a folder is named but unusable.</summary>
    internal static (CacaoSchemas? Schemas, string? Error) OpenSchemas(string? folder, string dataDirectory)
    {
        if (folder is null)
        {
            var (config, error) = ResponseConfig.Load(Path.Combine(dataDirectory, ResponseConfig.FileName));
            if (config is null) return (null, error);
            folder = config.Schemas;
            if (folder is null) return (null, null);
        }

        var (schemas, openError) = CacaoSchemas.Open(folder);
        return (schemas, openError is null ? null : "schemas: " + openError);
    }

    internal static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };

    private static Command Validate()
    {
        var files = new Argument<string[]>("files") { Description = "Playbook JSON files.", Arity = ArgumentArity.OneOrMore };
        var schemas = SchemasOption();
        var data = RespondCommand.DataOption();
        var json = JsonOption();
        var command = new Command("validate", "Check playbooks: JSON, structure, the CACAO JSON schemas (with --schemas), and the workflow (missing steps, loops, unreachable steps, agents, e-mails). Exit 1 when any has errors.");
        command.Arguments.Add(files);
        command.Options.Add(schemas);
        command.Options.Add(data);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            var (cacao, error) = OpenSchemas(pr.GetValue(schemas), pr.GetValue(data)!);
            if (error is not null)
            {
                Console.Error.WriteLine(error);
                return ExitCodes.BadUsage;
            }

            var loads = pr.GetValue(files)!.Select(f => PlaybookValidator.ValidateFile(f, cacao)).ToList();
            if (pr.GetValue(json))
            {
                Console.Out.WriteLine(ResponseJson.ToText(w =>
                {
                    w.WriteStartArray();
                    foreach (var load in loads)
                    {
                        w.WriteStartObject();
                        w.WriteString("file", load.Source);
                        w.WriteBoolean("valid", load.IsValid);
                        w.WriteBoolean("schema_checked", cacao is not null);
                        w.WriteStartArray("problems");
                        foreach (var p in load.Problems) ResponseJson.WriteProblem(w, p);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }));
            }
            else
            {
                foreach (var load in loads)
                {
                    Console.Out.WriteLine($"{load.Source}: {(load.IsValid ? "valid" : "INVALID")}{(cacao is null ? " (schemas not checked: --schemas)" : "")}");
                    foreach (var p in load.Problems) Console.Out.WriteLine("  " + p);
                }
            }

            return loads.All(l => l.IsValid) ? ExitCodes.Ok : ExitCodes.FindingsAtOrAbove;
        });
        return command;
    }

    private static Command List()
    {
        var json = JsonOption();
        var command = new Command("list", "List the shipped mitigations: their playbooks, the finding families they answer, recovery and check.");
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            var library = PlaybookLibrary.Default;
            if (pr.GetValue(json))
            {
                Console.Out.WriteLine(ResponseJson.ToText(w =>
                {
                    w.WriteStartArray();
                    foreach (var e in library.Entries)
                    {
                        w.WriteStartObject();
                        w.WriteString("mitigation", e.Id);
                        w.WriteString("title", e.Title);
                        w.WriteString("playbook", e.Playbook);
                        w.WriteString("playbook_id", library.Playbook(e.Playbook).Id);
                        w.WriteStartArray("families");
                        foreach (string f in e.Families) w.WriteStringValue(f);
                        w.WriteEndArray();
                        w.WriteStartArray("roles");
                        foreach (string f in e.Roles) w.WriteStringValue(f);
                        w.WriteEndArray();
                        w.WriteBoolean("automatic", e.Automatic);
                        if (e.Verify is not null) w.WriteString("verify", e.Verify);
                        if (e.Recovery is not null) w.WriteString("recovery", e.Recovery);
                        if (e.Check is not null) w.WriteString("check", e.Check);
                        w.WriteString("expected_effect", e.Effect);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }));
                return ExitCodes.Ok;
            }

            foreach (var e in library.Entries)
            {
                Console.Out.WriteLine($"{e.Id,-20} {e.Title}");
                Console.Out.WriteLine($"{"",-20} families: {string.Join(' ', e.Families)}; acts on: {(e.Roles.Count == 0 ? "the incident" : string.Join('|', e.Roles))}; weight {e.Weight.ToString("0.00", CultureInfo.InvariantCulture)}{(e.Automatic ? "; may run automatically" : "")}");
                if (e.Recovery is not null) Console.Out.WriteLine($"{"",-20} recovery: {e.Recovery}, check: {e.Check} (passes when '{e.CheckPasses}')");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
