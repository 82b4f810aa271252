using System.CommandLine;
using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Integrity.Inspect;
using Ensuresec.Integrity.Inspect.Rules;
using Spectre.Console;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec inspect FILE|DIR...`: static skimmer and web shell analysis of JavaScript, PHP and HTML.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders to inspect (.js, .php, .phtml, .html ... and any file holding a PHP tag).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on standard output instead of a table." };
        var origins = new Option<string[]>("--origin") { Description = "The shop's own host (repeatable); addresses on it and its subdomains are not foreign.", AllowMultipleArgumentsPerToken = true };
        var rules = new Option<string[]>("--rules") { Description = "A YAML file of extra rules and regex facts (repeatable); same format as the built-in rules (docs/INTEGRITY.md)." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding is at or above this severity.", DefaultValueFactory = _ => "low" };
        var maxMb = new Option<int>("--max-file-mb") { Description = "Files larger than this many MiB are skipped and reported.", DefaultValueFactory = _ => 32 };
        var command = new Command("inspect", "Find web skimmers and web shells in scripts, pages and PHP files by their behaviour, through obfuscation. Nothing inspected is executed.")
        {
            paths, json, origins, rules, failOn, maxMb,
        };
        command.SetAction(pr =>
        {
            var err = Console.Error;
            if (!SeverityNames.TryParse(pr.GetValue(failOn)!, out var failAt))
            {
                err.WriteLine($"--fail-on: '{pr.GetValue(failOn)}' is not one of info, low, medium, high, critical");
                return ExitCodes.BadUsage;
            }

            int mb = pr.GetValue(maxMb);
            if (mb is < 1 or > 4096)
            {
                err.WriteLine("--max-file-mb: must be between 1 and 4096");
                return ExitCodes.BadUsage;
            }

            var ruleSet = RuleSet.BuiltIn;
            foreach (string file in pr.GetValue(rules) ?? [])
            {
                var (loaded, error) = RuleSet.LoadFile(file, ruleSet);
                if (loaded is null)
                {
                    err.WriteLine($"--rules: {error}");
                    return ExitCodes.BadUsage;
                }

                ruleSet = loaded;
            }

            var inspector = new Inspector(new InspectOptions
            {
                OwnHosts = pr.GetValue(origins) ?? [],
                MaxFileBytes = mb * 1024L * 1024L,
                Rules = ruleSet,
            });
            var results = new List<InspectionResult>();
            foreach (string path in pr.GetValue(paths)!)
            {
                if (Directory.Exists(path)) results.AddRange(DirectoryInspection.Run(inspector, path));
                else if (File.Exists(path)) results.Add(inspector.InspectFile(path));
                else
                {
                    err.WriteLine($"{path}: no such file or folder");
                    return ExitCodes.BadUsage;
                }
            }

            var now = TimeProvider.System.GetUtcNow();
            if (pr.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                {
                    InspectionReport.Write(writer, results, now);
                }

                stdout.WriteByte((byte)'\n');
            }
            else
            {
                Print(results);
            }

            return results.Any(r => r.Matches.Any(m => m.Rule.Severity >= failAt)) ? ExitCodes.FindingsAtOrAbove : ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(List<InspectionResult> results)
    {
        var console = AnsiConsole.Console;
        var hits = results.Where(r => r.Matches.Count > 0).OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
        foreach (var r in hits)
        {
            foreach (var m in r.Matches.OrderByDescending(m => m.Rule.Severity))
            {
                console.MarkupLine($"[bold]{Markup.Escape(m.Rule.Severity.ToName())}[/] {Markup.Escape(m.Rule.Id)} {Markup.Escape(r.Path)}{(m.Line > 0 ? ":" + m.Line : string.Empty)}");
                console.WriteLine("  " + m.Explanation);
            }

            if (r.Techniques.Count > 0) console.WriteLine("  deobfuscated: " + string.Join(", ", r.Techniques.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")));
        }

        foreach (var r in results.Where(r => r.Error is not null)) console.WriteLine($"error {r.Path}: {r.Error}");
        foreach (var r in results.Where(r => r.Notes.Count > 0)) console.WriteLine($"note {r.Path}: {string.Join("; ", r.Notes)}");
        int inspected = results.Count(r => r.Skipped is null && r.Error is null);
        console.WriteLine($"{inspected} files inspected, {results.Count(r => r.Skipped is not null)} skipped, {results.Count(r => r.Error is not null)} errors, {hits.Count} with findings.");
    }
}
