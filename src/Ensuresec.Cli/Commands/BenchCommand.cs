using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ensuresec.Cli.Bench;
using Ensuresec.Detection;
using Spectre.Console;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec bench pipeline`: whole-pipeline throughput on generated access-log lines.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure throughput. BenchmarkDotNet suites for single stages live in bench/Ensuresec.Bench.");
        bench.Subcommands.Add(CreatePipeline());
        bench.Subcommands.Add(LedgerBenchCommand.Create());
        bench.Subcommands.Add(WafBenchCommand.Create());
        bench.Subcommands.Add(CheckBenchCommand.Create());
        bench.Subcommands.Add(ServeBenchCommand.Create());
        return bench;
    }

    private static Command CreatePipeline()
    {
        var lines = new Option<long>("--lines") { Description = "Access-log lines to generate and process.", DefaultValueFactory = _ => 1_000_000 };
        var runs = new Option<int>("--runs") { Description = "Runs of each stage; the median is reported.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the retailer scenario the lines come from.", DefaultValueFactory = _ => 1 };
        var json = new Option<string?>("--json") { Description = "Also write the measurements to this JSON file." };
        var perDetector = new Option<bool>("--per-detector") { Description = "Also time parse plus each detector alone (and none), to see where the end-to-end time goes." };
        var config = ConfigOption.Create();
        var command = new Command("pipeline", "Generate access-log lines from the retailer scenario, then time parsing alone and end to end (parse, all detectors, correlation, store).")
        {
            lines, runs, seed, json, perDetector, config,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var cfg = ConfigOption.Load(pr.GetValue(config), Console.Error);
            if (cfg is null) return ExitCodes.BadUsage;
            long n = pr.GetValue(lines);
            int r = pr.GetValue(runs);
            if (n is < 1 or > 100_000_000 || r is < 1 or > 50)
            {
                Console.Error.WriteLine("--lines must be 1..100000000 and --runs 1..50");
                return ExitCodes.BadUsage;
            }

            string dir = Directory.CreateTempSubdirectory("ensuresec-bench-").FullName;
            try
            {
                string log = Path.Combine(dir, "access.log");
                var gen = System.Diagnostics.Stopwatch.StartNew();
                long written = PipelineBench.WriteLines(log, n, pr.GetValue(seed));
                AnsiConsole.MarkupLine($"generated {written:N0} lines ({new FileInfo(log).Length / 1048576.0:N0} MiB) in {gen.Elapsed.TotalSeconds:N1} s; {Environment.ProcessorCount} cores");

                var bench = new PipelineBench(cfg);
                var parse = new List<PipelineBench.Measurement>();
                var e2e = new List<PipelineBench.Measurement>();
                long findings = 0;
                for (int i = 0; i < r; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    parse.Add(PipelineBench.ParseOnly(log));
                    var (m, result) = await bench.EndToEndAsync(log, Path.Combine(dir, $"data{i}")).ConfigureAwait(false);
                    e2e.Add(m);
                    findings = result.Findings.Count;
                }

                var rows = new List<PipelineBench.Measurement> { Median(parse), Median(e2e) };
                if (pr.GetValue(perDetector))
                {
                    foreach (string? detector in new string?[] { null }.Concat(DetectorCatalog.Names))
                    {
                        var alone = new List<PipelineBench.Measurement>();
                        for (int i = 0; i < r; i++) alone.Add(await bench.OneDetectorAsync(log, detector).ConfigureAwait(false));
                        rows.Add(Median(alone) with { Stage = "parse + " + (detector ?? "no detector") });
                    }
                }

                var table = new Table().AddColumns("stage", "lines", "median s", "lines/s", "lines per CPU-second");
                foreach (var m in rows)
                {
                    table.AddRow(m.Stage, m.Lines.ToString("N0", CultureInfo.InvariantCulture), m.Seconds.ToString("N2", CultureInfo.InvariantCulture),
                        m.LinesPerSecond.ToString("N0", CultureInfo.InvariantCulture), m.LinesPerCpuSecond.ToString("N0", CultureInfo.InvariantCulture));
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"median of {r} run(s); end to end raised {findings:N0} findings");
                if (pr.GetValue(json) is { } path) WriteJson(path, rows, r, findings);
                return ExitCodes.Ok;
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        });
        return command;
    }

    private static PipelineBench.Measurement Median(List<PipelineBench.Measurement> runs) => runs.OrderBy(m => m.Seconds).ElementAt(runs.Count / 2);

    private static void WriteJson(string path, List<PipelineBench.Measurement> rows, int runs, long findings)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("runs", runs);
        w.WriteNumber("cores", Environment.ProcessorCount);
        w.WriteNumber("findings", findings);
        w.WriteStartArray("stages");
        foreach (var m in rows)
        {
            w.WriteStartObject();
            w.WriteString("stage", m.Stage);
            w.WriteNumber("lines", m.Lines);
            w.WriteNumber("seconds", Math.Round(m.Seconds, 3));
            w.WriteNumber("lines_per_second", Math.Round(m.LinesPerSecond));
            w.WriteNumber("lines_per_cpu_second", Math.Round(m.LinesPerCpuSecond));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
