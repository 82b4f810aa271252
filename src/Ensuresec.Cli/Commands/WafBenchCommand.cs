using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ensuresec.Cli.Waf;
using Ensuresec.Ingest;
using Ensuresec.Waf;
using Ensuresec.Waf.Evaluation;
using Ensuresec.Waf.Http;
using Ensuresec.Waf.Model;
using Spectre.Console;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec bench waf`: requests per second per core through the request analyser, on one thread.</summary>
internal static class WafBenchCommand
{
    public static Command Create()
    {
        var dir = new Option<DirectoryInfo>("--crs-tests") { Description = "Folder holding crs334-requests.jsonl.", DefaultValueFactory = _ => new DirectoryInfo("../shared/data/crs-tests") };
        var log = new Option<FileInfo>("--access-log") { Description = "Benign access log (combined format).", DefaultValueFactory = _ => new FileInfo("../shared/data/access-logs/apache_logs") };
        var seconds = new Option<double>("--seconds") { Description = "Time per workload and run.", DefaultValueFactory = _ => 3 };
        var runs = new Option<int>("--runs") { Description = "Runs per workload; the median is reported.", DefaultValueFactory = _ => 3 };
        var paranoia = new Option<int>("--paranoia") { Description = "Paranoia level 1-4.", DefaultValueFactory = _ => new WafOptions().Paranoia };
        var command = new Command("waf", "Requests per second per core through the request analyser (one thread): CRS attack cases, an access log as the pipeline sees it, and the demo's normal traffic as full requests.")
        {
            dir, log, seconds, runs, paranoia,
        };
        command.SetAction((ParseResult pr) =>
        {
            double s = pr.GetValue(seconds);
            int r = pr.GetValue(runs);
            int pl = pr.GetValue(paranoia);
            if (s is <= 0 or > 600 || r is < 1 or > 50 || pl is < 1 or > 4)
            {
                Console.Error.WriteLine("--seconds must be in (0, 600], --runs 1..50, --paranoia 1..4");
                return ExitCodes.BadUsage;
            }

            var workloads = new List<(string Name, List<HttpRequestData> Requests)>();
            var (cases, errors) = CrsCaseLoader.Load(pr.GetValue(dir)!.FullName);
            foreach (string e in errors) Console.Error.WriteLine(e);
            var crs = new List<HttpRequestData>();
            foreach (var c in cases)
            {
                if (RawRequestParser.TryParse(c.Request, out var req, out _)) crs.Add(req!);
            }

            if (crs.Count > 0) workloads.Add(("CRS 3.3.4 test requests (mostly attacks)", crs));
            var logFile = pr.GetValue(log)!;
            if (logFile.Exists) workloads.Add(("apache_logs lines (path, query, user agent)", LogRequests(logFile.FullName)));
            var scenario = Ensuresec.Demo.Scenario.RetailerScenario.Generate(1);
            workloads.Add(("demo normal traffic, full requests with headers and bodies", [.. scenario.Events.Where(e => e.UrlPath is not null).Take(20_000).Select(DemoTrafficCheck.ToRequest)]));

            var analyzer = new WafAnalyzer(new WafOptions { Paranoia = pl });
            var table = new Table().AddColumns("workload", "requests", "median requests/s per core", "µs per request");
            foreach (var (name, requests) in workloads)
            {
                var rates = new List<double>();
                Measure(analyzer, requests, 0.3);
                for (int i = 0; i < r; i++) rates.Add(Measure(analyzer, requests, s));
                rates.Sort();
                double median = rates[rates.Count / 2];
                table.AddRow(Markup.Escape(name), requests.Count.ToString("N0", CultureInfo.InvariantCulture), median.ToString("N0", CultureInfo.InvariantCulture), (1e6 / median).ToString("N2", CultureInfo.InvariantCulture));
            }

            AnsiConsole.MarkupLine($"paranoia {pl}; one thread; median of {r} run(s) of {s} s; {Environment.ProcessorCount} cores on the machine");
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<HttpRequestData> LogRequests(string path)
    {
        var parser = new AccessLogParser();
        var list = new List<HttpRequestData>();
        long n = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (parser.TryParse(line, path, ++n, out var e, out _) && EventRequests.From(e) is { } req) list.Add(req);
        }

        return list;
    }

    /// <summary>Requests per CPU-second of this thread, cycling through the workload for about <paramref name="seconds"/>.</summary>
    private static double Measure(WafAnalyzer analyzer, List<HttpRequestData> requests, double seconds)
    {
        long count = 0;
        var wall = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        while (wall.Elapsed.TotalSeconds < seconds)
        {
            foreach (var req in requests) analyzer.Analyze(req);
            count += requests.Count;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        return count / Math.Max(cpu.TotalSeconds, 1e-9);
    }
}
