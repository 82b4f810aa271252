using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ensuresec.Cli.Waf;
using Ensuresec.Waf;
using Ensuresec.Waf.Evaluation;
using Ensuresec.Waf.Model;
using Spectre.Console;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec waf eval DIR`: replay the CRS 3.3.4 regression requests, an access log and the demo's normal traffic.</summary>
internal static class WafEvalCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("crs-tests") { Description = "Folder holding crs334-requests.jsonl (e.g. ../shared/data/crs-tests)." };
        var paranoia = new Option<int>("--paranoia") { Description = "Paranoia level 1-4.", DefaultValueFactory = _ => new WafOptions().Paranoia };
        var accessLog = new Option<FileInfo?>("--access-log") { Description = "Benign access log (combined format) that should raise nothing; default: ../access-logs/apache_logs beside the folder when present." };
        var noDemo = new Option<bool>("--no-demo") { Description = "Skip the demo's normal traffic." };
        var json = new Option<string?>("--json") { Description = "Write every case's verdict and findings to this JSON file." };
        var command = new Command("eval", "Replay the CRS 3.3.4 regression requests through the analyser: per rule file, per paranoia level of the targeted rule and overall, the share of attack cases detected (a finding of the case's class) and of other cases flagged; then list every flagged line of a benign access log and check the demo's normal traffic.")
        {
            dir, paranoia, accessLog, noDemo, json,
        };
        command.SetAction((ParseResult pr) =>
        {
            var folder = pr.GetValue(dir)!;
            int pl = pr.GetValue(paranoia);
            if (pl is < 1 or > 4)
            {
                Console.Error.WriteLine("--paranoia must be 1..4");
                return ExitCodes.BadUsage;
            }

            var (cases, errors) = CrsCaseLoader.Load(folder.FullName);
            foreach (string e in errors) Console.Error.WriteLine(e);
            if (cases.Count == 0) return ExitCodes.BadUsage;
            var options = new WafOptions { Paranoia = pl };
            var results = CrsReplay.Run(cases, new WafAnalyzer(options));
            Print(results, pl);

            var log = pr.GetValue(accessLog) ?? new FileInfo(Path.Combine(folder.FullName, "..", "access-logs", "apache_logs"));
            AccessLogCheck.Result? logResult = null;
            if (log.Exists)
            {
                logResult = AccessLogCheck.Run(log.FullName, options);
                AccessLogCheck.Print(logResult);
            }
            else if (pr.GetValue(accessLog) is not null)
            {
                Console.Error.WriteLine($"{log.FullName}: not found");
                return ExitCodes.BadUsage;
            }

            DemoTrafficCheck.Result? demo = pr.GetValue(noDemo) ? null : DemoTrafficCheck.Run(options);
            if (demo is not null) DemoTrafficCheck.Print(demo);
            if (pr.GetValue(json) is { } path) WriteJson(path, pl, results, logResult, demo);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(List<CaseResult> results, int pl)
    {
        var overall = ReplaySummary.Of("all", results);
        var table = new Table().AddColumns("group", "attacks", "detected", "%", "ModSecurity PL1 blocked %", "other cases", "flagged", "%", "score >= threshold");
        void Row(ReplaySummary s) => table.AddRow(Markup.Escape(Short(s.Group)), N(s.Attacks), N(s.Detected), P(s.DetectedShare), s.ModSecurityKnown == 0 ? "-" : P((double)s.ModSecurityBlocked / s.ModSecurityKnown), N(s.Others), N(s.Flagged), s.Others == 0 ? "-" : P(s.FlaggedShare), N(s.Refused));
        foreach (var s in ReplaySummary.By(results, r => r.Case.RuleFile)) Row(s);
        table.AddEmptyRow();
        foreach (var s in ReplaySummary.By(results, r => "target rule PL" + (r.Case.TargetParanoia?.ToString(CultureInfo.InvariantCulture) ?? "?"))) Row(s);
        table.AddEmptyRow();
        Row(overall);
        AnsiConsole.MarkupLine($"[bold]CRS 3.3.4 regression replay[/] at paranoia level {pl}: {results.Count:N0} cases");
        AnsiConsole.Write(table);
        var missed = results.Where(r => r.Case.Kind == "attack" && !r.Detected).GroupBy(r => r.Case.TargetRule).OrderByDescending(g => g.Count()).Take(25);
        AnsiConsole.MarkupLine("missed attack cases by target rule: " + Markup.Escape(string.Join(", ", missed.Select(g => $"{g.Key}:{g.Count()}"))));
    }

    private static string Short(string group) => group.Replace("REQUEST-", string.Empty, StringComparison.Ordinal).Replace("APPLICATION-ATTACK-", string.Empty, StringComparison.Ordinal);

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double share) => (share * 100).ToString("N1", CultureInfo.InvariantCulture);

    private static void WriteJson(string path, int pl, List<CaseResult> results, AccessLogCheck.Result? log, DemoTrafficCheck.Result? demo)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("paranoia", pl);
        var all = ReplaySummary.Of("all", results);
        w.WriteNumber("attack_cases", all.Attacks);
        w.WriteNumber("attack_detected", all.Detected);
        w.WriteNumber("other_cases", all.Others);
        w.WriteNumber("other_flagged", all.Flagged);
        w.WriteStartArray("cases");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("test_title", r.Case.Title);
            w.WriteNumber("stage", r.Case.Stage);
            w.WriteString("rule_file", r.Case.RuleFile);
            w.WriteString("target_rule", r.Case.TargetRule);
            if (r.Case.TargetParanoia is { } tpl) w.WriteNumber("target_pl", tpl);
            w.WriteString("kind", r.Case.Kind);
            w.WriteString("expected_class", string.Join(",", CrsClassMap.Expected(r.Case.RuleFile, r.Case.TargetRule).Select(AttackClasses.Name)));
            w.WriteBoolean("detected", r.Detected);
            w.WriteBoolean("flagged", r.Flagged);
            w.WriteBoolean("score_at_threshold", r.Refused);
            if (r.ParseError is not null) w.WriteString("parse_error", r.ParseError);
            WafJson.WriteFindings(w, r.Findings);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (log is not null)
        {
            w.WriteStartObject("access_log");
            w.WriteString("file", log.File);
            w.WriteNumber("lines", log.Lines);
            w.WriteNumber("flagged", log.Flagged.Count);
            w.WriteStartArray("flagged_lines");
            foreach (var f in log.Flagged)
            {
                w.WriteStartObject();
                w.WriteNumber("line", f.Line);
                w.WriteString("request", f.Request);
                WafJson.WriteFindings(w, f.Findings);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        if (demo is not null)
        {
            w.WriteStartObject("demo_normal_traffic");
            w.WriteNumber("requests", demo.Requests);
            w.WriteNumber("flagged", demo.Flagged.Count);
            w.WriteStartArray("flagged_requests");
            foreach (var (request, findings) in demo.Flagged)
            {
                w.WriteStartObject();
                w.WriteString("request", request);
                WafJson.WriteFindings(w, findings);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
