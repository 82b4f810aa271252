using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ensuresec.Cli.Bench;
using Ensuresec.Server.Processing;
using Spectre.Console;
using Scenario = Ensuresec.Cli.Bench.ServeBench.Scenario;

namespace Ensuresec.Cli.Commands;

/// <summary>
/// `ensuresec bench serve`: events per second through the real server (HTTP ingest, store, detectors, correlator,
/// ledger) for three streams: every event a finding in one incident, every event a finding in its own incident,
/// and benign events; then how the time per finding grows as the one incident grows.
/// </summary>
internal static class ServeBenchCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Events posted per run of each scenario.", DefaultValueFactory = _ => 20_000 };
        var runs = new Option<int>("--runs") { Description = "Runs of each scenario; the median is reported.", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Events per POST.", DefaultValueFactory = _ => 500 };
        var growth = new Option<int>("--growth-events") { Description = "Events of the one-incident stream posted 1,000 at a time (each slice processed before the next) to time the first and last slices; 0 skips it.", DefaultValueFactory = _ => 50_000 };
        var json = new Option<string?>("--json") { Description = "Also write the measurements to this JSON file." };
        var config = ConfigOption.Create();
        var command = new Command("serve", "Start the server in-process on 127.0.0.1 over a temporary data folder, post events through POST /api/v1/events and time until all are processed.")
        {
            events, runs, batch, growth, json, config,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var cfg = ConfigOption.Load(pr.GetValue(config), Console.Error);
            if (cfg is null) return ExitCodes.BadUsage;
            int n = pr.GetValue(events), r = pr.GetValue(runs), b = pr.GetValue(batch), g = pr.GetValue(growth);
            if (n is < 1 or > 10_000_000 || r is < 1 or > 20 || b < 1 || b > cfg.Server.MaxEventsPerRequest || g is < 0 or > 10_000_000)
            {
                Console.Error.WriteLine($"--events must be 1..10000000, --runs 1..20, --batch 1..{cfg.Server.MaxEventsPerRequest}, --growth-events 0..10000000");
                return ExitCodes.BadUsage;
            }

            var bench = new ServeBench(cfg);
            var medians = new Dictionary<Scenario, ServeBench.Run>();
            foreach (var scenario in Enum.GetValues<Scenario>())
            {
                var all = new List<ServeBench.Run>();
                for (int i = 0; i < r; i++) all.Add(await bench.ThroughputAsync(scenario, n, b, ct).ConfigureAwait(false));
                medians[scenario] = all.OrderBy(x => x.Seconds).ElementAt(all.Count / 2);
                AnsiConsole.MarkupLine($"{Label(scenario)}: runs {string.Join(", ", all.Select(x => x.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} events/s");
            }

            var table = new Table().AddColumns("scenario", "events", "findings", "incidents", "median s", "events/s");
            foreach (var m in medians.Values)
            {
                table.AddRow(Label(m.Scenario), Num(m.Events), Num(m.Findings), Num(m.Incidents), m.Seconds.ToString("N2", CultureInfo.InvariantCulture), Num(m.EventsPerSecond));
            }

            AnsiConsole.Write(table);
            var stages = new Table().AddColumn("processor stage (median run), s");
            foreach (var m in medians.Values) stages.AddColumn(Label(m.Scenario));
            for (int i = 0; i < ProcessingProfile.Stages.Count; i++)
            {
                stages.AddRow([ProcessingProfile.Stages[i], .. medians.Values.Select(m => m.Stages[i].TotalSeconds.ToString("N2", CultureInfo.InvariantCulture))]);
            }

            stages.AddRow(["batches", .. medians.Values.Select(m => Num(m.Batches))]);
            AnsiConsole.Write(stages);
            double oneVsBenign = medians[Scenario.OneIncident].EventsPerSecond / medians[Scenario.Benign].EventsPerSecond;
            double oneVsMany = medians[Scenario.OneIncident].EventsPerSecond / medians[Scenario.ManyIncidents].EventsPerSecond;
            AnsiConsole.MarkupLine($"median of {r}; ratio one incident / benign {oneVsBenign:N2}, one incident / many incidents {oneVsMany:N2}; {Environment.ProcessorCount} cores");

            ServeBench.Growth? grown = null;
            if (g > 0)
            {
                grown = await bench.GrowthAsync(Scenario.OneIncident, g, 1_000, ct).ConfigureAwait(false);
                double first = grown.SecondsPerSlice[0], last = grown.SecondsPerSlice[^1];
                AnsiConsole.MarkupLine($"one incident growing to {g:N0} findings, posted {grown.SliceEvents:N0} at a time: first slice {1e6 * first / grown.SliceEvents:N1} µs per finding, last {1e6 * last / grown.SliceEvents:N1} µs (last/first {last / first:N2})");
                // One slice is a second or less: on a shared machine the medians of the first and last five say more.
                int k = Math.Min(5, grown.SecondsPerSlice.Count);
                double firstMedian = MedianOf(grown.SecondsPerSlice.Take(k)), lastMedian = MedianOf(grown.SecondsPerSlice.TakeLast(k));
                AnsiConsole.MarkupLine($"median slice of the first {k}: {1e6 * firstMedian / grown.SliceEvents:N1} µs per finding, of the last {k}: {1e6 * lastMedian / grown.SliceEvents:N1} µs (last/first {lastMedian / firstMedian:N2})");
            }

            if (pr.GetValue(json) is { } path) WriteJson(path, r, medians, oneVsBenign, oneVsMany, grown);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Label(Scenario s) => s switch
    {
        Scenario.OneIncident => "(a) one incident",
        Scenario.ManyIncidents => "(b) many incidents",
        _ => "(c) benign",
    };

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Num(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static void WriteJson(string path, int runs, Dictionary<Scenario, ServeBench.Run> medians, double oneVsBenign, double oneVsMany, ServeBench.Growth? growth)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("runs", runs);
        w.WriteNumber("cores", Environment.ProcessorCount);
        w.WriteStartArray("scenarios");
        foreach (var m in medians.Values)
        {
            w.WriteStartObject();
            w.WriteString("scenario", Label(m.Scenario));
            w.WriteNumber("events", m.Events);
            w.WriteNumber("findings", m.Findings);
            w.WriteNumber("incidents", m.Incidents);
            w.WriteNumber("seconds", Math.Round(m.Seconds, 3));
            w.WriteNumber("events_per_second", Math.Round(m.EventsPerSecond));
            w.WriteNumber("batches", m.Batches);
            w.WriteStartObject("stage_seconds");
            for (int i = 0; i < ProcessingProfile.Stages.Count; i++) w.WriteNumber(ProcessingProfile.Stages[i], Math.Round(m.Stages[i].TotalSeconds, 3));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("ratio_one_incident_to_benign", Math.Round(oneVsBenign, 3));
        w.WriteNumber("ratio_one_incident_to_many_incidents", Math.Round(oneVsMany, 3));
        if (growth is not null)
        {
            w.WriteNumber("growth_slice_events", growth.SliceEvents);
            w.WriteStartArray("growth_seconds_per_slice");
            foreach (double s in growth.SecondsPerSlice) w.WriteNumberValue(Math.Round(s, 4));
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
