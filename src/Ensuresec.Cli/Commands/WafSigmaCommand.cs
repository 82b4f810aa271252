using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ensuresec.Ingest;
using Ensuresec.Waf.Sigma;
using Spectre.Console;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec waf sigma DIR`: load Sigma web rules, report what loads and what does not, optionally run them over an access log.</summary>
internal static class WafSigmaCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("rules") { Description = "Folder of Sigma rules (*.yml), searched recursively (e.g. ../shared/data/sigma-web)." };
        var log = new Option<FileInfo?>("--access-log") { Description = "Run the loaded rules over this access log (combined format) and count matches per rule." };
        var json = new Option<string?>("--json") { Description = "Write the load report and matches to this JSON file." };
        var logsource = new Option<string>("--logsource") { Description = "Which rules run on the access log: webserver (category webserver, products apache, nginx, iis), proxy, or all.", DefaultValueFactory = _ => "webserver" };
        var command = new Command("sigma", "Load Sigma detection rules, report every rule that cannot be loaded with its reason and the modifiers used and supported; with --access-log, evaluate them on web events.")
        {
            dir, log, json, logsource,
        };
        command.SetAction((ParseResult pr) =>
        {
            var folder = pr.GetValue(dir)!;
            if (!folder.Exists)
            {
                Console.Error.WriteLine($"{folder.FullName}: not found");
                return ExitCodes.BadUsage;
            }

            var result = SigmaLoader.LoadDirectory(folder.FullName);
            int total = result.Rules.Count + result.Problems.Count;
            AnsiConsole.MarkupLine($"[bold]Sigma[/] {Markup.Escape(folder.FullName)}: {result.Rules.Count} of {total} rules loaded, {result.Problems.Count} not loaded");
            foreach (var p in result.Problems) AnsiConsole.MarkupLine($"  not loaded: {Markup.Escape(p.File)}: {Markup.Escape(p.Reason)}");
            AnsiConsole.MarkupLine("modifiers used: " + Markup.Escape(string.Join(", ", result.ModifiersUsed.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}"))));
            AnsiConsole.MarkupLine("modifiers supported: " + string.Join(", ", SigmaLoader.SupportedModifiers));
            var matches = new Dictionary<SigmaRule, List<long>>();
            if (pr.GetValue(log) is { } logFile)
            {
                if (!logFile.Exists)
                {
                    Console.Error.WriteLine($"{logFile.FullName}: not found");
                    return ExitCodes.BadUsage;
                }

                string source = pr.GetValue(logsource)!;
                if (source is not ("webserver" or "proxy" or "all"))
                {
                    Console.Error.WriteLine("--logsource must be webserver, proxy or all");
                    return ExitCodes.BadUsage;
                }

                // A proxy rule on a web server's own log misfires (e.g. proxy rules list Googlebot's agent as suspicious).
                var set = SigmaRuleSet.Create(result.Rules, result.Problems, source switch { "proxy" => SigmaLogsource.Proxy, "all" => SigmaLogsource.All, _ => SigmaLogsource.Webserver });
                AnsiConsole.MarkupLine($"running the {set.Rules.Count} {source} rules");
                var parser = new AccessLogParser();
                var found = new List<SigmaMatch>();
                long n = 0;
                foreach (string line in File.ReadLines(logFile.FullName))
                {
                    if (!parser.TryParse(line, logFile.FullName, ++n, out var e, out _)) continue;
                    found.Clear();
                    set.Match(WebFieldValues.From(e), found);
                    foreach (var m in found)
                    {
                        if (!matches.TryGetValue(m.Rule, out var lines)) matches[m.Rule] = lines = [];
                        lines.Add(n);
                    }
                }

                AnsiConsole.MarkupLine($"{n:N0} lines; {matches.Count} rules matched");
                foreach (var (rule, lines) in matches.OrderByDescending(m => m.Value.Count))
                {
                    AnsiConsole.MarkupLine($"  {lines.Count,6:N0}  {Markup.Escape(rule.Title)} ({rule.Level}; lines {string.Join(", ", lines.Take(5))}{(lines.Count > 5 ? ", ..." : string.Empty)})");
                }
            }

            if (pr.GetValue(json) is { } path)
            {
                using var stream = File.Create(path);
                using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                w.WriteStartObject();
                w.WriteNumber("rules", total);
                w.WriteNumber("loaded", result.Rules.Count);
                w.WriteStartArray("not_loaded");
                foreach (var p in result.Problems)
                {
                    w.WriteStartObject();
                    w.WriteString("file", p.File);
                    w.WriteString("reason", p.Reason);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartObject("modifiers_used");
                foreach (var (m, c) in result.ModifiersUsed) w.WriteNumber(m, c);
                w.WriteEndObject();
                w.WriteStartArray("matches");
                foreach (var (rule, lines) in matches)
                {
                    w.WriteStartObject();
                    w.WriteString("id", rule.Id);
                    w.WriteString("title", rule.Title);
                    w.WriteString("level", rule.Level);
                    w.WriteNumber("count", lines.Count);
                    w.WriteStartArray("lines");
                    foreach (long l in lines.Take(100)) w.WriteNumberValue(l);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            return result.Problems.Count > 0 ? ExitCodes.FindingsAtOrAbove : ExitCodes.Ok;
        });
        return command;
    }
}
