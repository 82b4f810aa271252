using System.Diagnostics;
using System.Text;
using Ensuresec.Cli.Analysis;
using Ensuresec.Config;
using Ensuresec.Core.Events;
using Ensuresec.Demo.Scenario;
using Ensuresec.Detection;
using Ensuresec.Ingest;
using Ensuresec.Store;

namespace Ensuresec.Cli.Bench;

/// <summary>
/// Whole-pipeline throughput: writes N access-log lines of the retailer scenario (benign week and attacks) to a
/// file, then times parsing alone and the end-to-end run (parse, all detectors, correlation, store of findings
/// and incidents). CPU seconds are measured too, so that lines per core-second can be compared with the goals.
/// </summary>
internal sealed class PipelineBench(EnsuresecConfig config)
{
    public sealed record Measurement(string Stage, long Lines, double Seconds, double CpuSeconds)
    {
        public double LinesPerSecond => Lines / Seconds;

        public double LinesPerCpuSecond => Lines / CpuSeconds;
    }

    public static long WriteLines(string path, long lines, int seed)
    {
        long written = 0;
        var sb = new StringBuilder(256);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var options = new ScenarioOptions();
        for (int s = seed; written < lines; s++)
        {
            // Each seed is the next week, so time runs on as in a real log.
            var scenario = RetailerScenario.Generate(s, options with { Start = options.Start.AddDays(options.Days * (s - seed)) });
            foreach (var e in scenario.Events)
            {
                if (e.Action != EventActions.HttpRequest) continue;
                sb.Clear();
                CombinedLogFormatter.Append(sb, e);
                writer.Write(sb);
                writer.Write('\n');
                if (++written == lines) break;
            }
        }

        return written;
    }

    public static Measurement ParseOnly(string path)
    {
        var (wall, cpu) = Start();
        long events = 0;
        if (!EventFileReader.TryOpen(path, new EventFileReaderOptions { Format = EventFileFormat.AccessLog }, out var reader, out string? error))
        {
            throw new IOException(error);
        }

        using (reader)
        {
            foreach (var item in reader.ReadAll())
            {
                if (item.Event is not null) events++;
            }
        }

        return Stop("parse", events, wall, cpu);
    }

    public async Task<(Measurement Measurement, AnalysisResult Result)> EndToEndAsync(string path, string dataDir)
    {
        var (wall, cpu) = Start();
        var analyzer = new LogAnalyzer(Composition.Detectors(config), f => Composition.Correlate(config, f), Composition.Pipeline(config));
        var result = await analyzer.RunAsync([path], new EventFileReaderOptions { Format = EventFileFormat.AccessLog }, null, CancellationToken.None).ConfigureAwait(false);
        using (var store = EnsuresecStore.Open(new StoreOptions { DataDirectory = dataDir }))
        {
            store.CommitProcessed([], result.Findings, result.Incidents);
        }

        return (Stop("end to end", result.Events, wall, cpu), result);
    }

    /// <summary>
    /// Parse and one detector alone ("none": no detector), through the same pipeline, no correlation or store:
    /// where the end-to-end time goes.
    /// </summary>
    public async Task<Measurement> OneDetectorAsync(string path, string? detector)
    {
        var d = config.Detection;
        var only = d with
        {
            RequestFlood = d.RequestFlood with { Enabled = detector == "request-flood" },
            Scanning = d.Scanning with { Enabled = detector == "scanning" },
            CredentialStuffing = d.CredentialStuffing with { Enabled = detector == "credential-stuffing" },
            AccountTakeover = d.AccountTakeover with { Enabled = detector == "account-takeover" },
            CardTesting = d.CardTesting with { Enabled = detector == "card-testing" },
        };
        var (wall, cpu) = Start();
        var analyzer = new LogAnalyzer(DetectorCatalog.Create(only), _ => [], Composition.Pipeline(config));
        var result = await analyzer.RunAsync([path], new EventFileReaderOptions { Format = EventFileFormat.AccessLog }, null, CancellationToken.None).ConfigureAwait(false);
        return Stop(detector ?? "none", result.Events, wall, cpu);
    }

    private static (Stopwatch Wall, TimeSpan Cpu) Start()
    {
        GC.Collect();
        return (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
    }

    private static Measurement Stop(string stage, long lines, Stopwatch wall, TimeSpan cpuStart)
    {
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        return new Measurement(stage, lines, wall.Elapsed.TotalSeconds, Math.Max(cpu, 1e-6));
    }
}
