using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ensuresec.Core.Pipeline;
using Ensuresec.Ingest;
using Ensuresec.Demo.Running;
using Ensuresec.Physical.Assets;
using Ensuresec.Demo.Scenario;
using Ensuresec.Demo.Scoring;
using Ensuresec.Detection;
using Spectre.Console;

namespace Ensuresec.Cli.Commands;

/// <summary>
/// <c>ensuresec demo</c>: generates the retailer use case from a seed, runs it through the detection pipeline
/// and prints the scorecard against the scenario's ground truth.
/// </summary>
internal static class DemoCommand
{
    private const int MaxSeeds = 1_000;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <param name="detectors">The detectors to run (one factory each); the catalog with default options if null.</param>
    /// <param name="console">Where to print; the terminal if null.</param>
    public static Command Create(Func<AssetMap?, IReadOnlyList<Func<IDetector>>>? detectors = null, IAnsiConsole? console = null)
    {
        // Values are read as text and checked here, so that a bad value exits with 2 (bad usage) and a clear reason.
        var seed = new Option<string>("--seed") { Description = "Scenario seed (an integer; default 1). With --seeds, the first seed." };
        var seeds = new Option<string>("--seeds") { Description = "Run this many consecutive seeds and print the scorecard over all of them (1-1000)." };
        var scale = new Option<string>("--scale") { Description = "Traffic scale: 1 is a mid-size shop, about 5,000 sessions a day (0.01-100)." };
        var json = new Option<string>("--json") { Description = "Also write the scorecard as JSON to this file." };
        var outEvents = new Option<string>("--out-events") { Description = "Write the scenario's events as NDJSON (ECS field names) to this file (one seed, one scenario); a pharmacy or bank world's asset map goes beside it (FILE.assets.yaml)." };
        var scenario = new Option<string>("--scenario") { Description = "Which use case: retail (default), pharmacy, bank, or all." };
        var benign = new Option<bool>("--benign") { Description = "Leave the attacks out: a week of benign operations only (every finding is a false one)." };
        var command = new Command("demo", "Generate a use case (a week of a shop's traffic, a pharmacy's refrigerated deliveries, or a bank's ATMs and payments, with an attack campaign) and score the detectors on it.")
        {
            seed, seeds, scale, json, outEvents, scenario, benign,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var io = console ?? AnsiConsole.Console;
            if (parse.UnmatchedTokens.Count > 0) return Usage(io, $"unknown argument '{parse.UnmatchedTokens[0]}'");
            if (!TryInt(parse.GetValue(seed), 1, int.MinValue, int.MaxValue, out int first)) return Usage(io, "--seed must be an integer");
            if (!TryInt(parse.GetValue(seeds), 1, 1, MaxSeeds, out int count)) return Usage(io, $"--seeds must be an integer from 1 to {MaxSeeds}");
            if (!TryDouble(parse.GetValue(scale), 1.0, 0.01, 100, out double x)) return Usage(io, "--scale must be a number from 0.01 to 100");
            string? eventsPath = parse.GetValue(outEvents);
            if (eventsPath is not null && count > 1) return Usage(io, "--out-events writes one seed: drop --seeds");
            string which = parse.GetValue(scenario) ?? DemoScenarios.Retail;
            if (which != "all" && !DemoScenarios.Names.Contains(which)) return Usage(io, "--scenario must be retail, pharmacy, bank or all");
            if (which == "all" && eventsPath is not null) return Usage(io, "--out-events writes one scenario: pick one with --scenario");
            var names = which == "all" ? DemoScenarios.Names : [which];
            if ((long)first + count - 1 > int.MaxValue) return Usage(io, "--seed + --seeds goes past the largest seed");

            // The bank use case's brand domain is fictional: its lookalike detector runs beside the configured ones.
            // A pharmacy or bank week brings the asset map of its world; the detectors are built for each such map.
            IReadOnlyList<Func<IDetector>> Factories(AssetMap? assets) => (detectors is null ? DetectorCatalog.Create(new DetectionOptions(), assets) : detectors(assets))
                .Append(Ensuresec.Detection.Lookalike.LookalikeDomains.Create(new() { BrandDomains = [DemoScenarios.BankBrandDomain] })!).ToList();
            var factories = Factories(null);
            if (factories.Count == 0) io.MarkupLine("[yellow]No detectors are wired: every attack will show as missed.[/]");
            var options = new ScenarioOptions { Scale = x };
            try
            {
                var all = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (string name in names)
                {
                    var result = await RunAsync(io, name, parse.GetValue(benign), first, count, options, Factories, eventsPath, ct).ConfigureAwait(false);
                    all[name] = result;
                }

                string? jsonPath = parse.GetValue(json);
                if (jsonPath is not null)
                {
                    var file = new FileStream(jsonPath, FileMode.Create, FileAccess.Write, FileShare.None);
                    await using (file.ConfigureAwait(false))
                    {
                        // One scenario: its scorecard as before; several: an object keyed by scenario name.
                        object payload = names.Count == 1 ? all[names[0]] : all;
                        await JsonSerializer.SerializeAsync(file, payload, payload.GetType(), Json, ct).ConfigureAwait(false);
                    }
                }

                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Usage(io, $"cannot write output: {ex.Message}");
            }
        });
        return command;
    }

    /// <summary>Where the asset map goes beside --out-events: bank.ndjson gives bank.assets.yaml.</summary>
    internal static string AssetMapPathFor(string eventsPath) => Path.ChangeExtension(eventsPath, ".assets.yaml");

    private static async Task<object> RunAsync(
        IAnsiConsole io, string name, bool benignOnly, int first, int count, ScenarioOptions options, Func<AssetMap?, IReadOnlyList<Func<IDetector>>> factories,
        string? eventsPath, CancellationToken ct)
    {
        IReadOnlyList<Func<IDetector>>? plain = null;
        var scores = new List<ScenarioScore>(count);
        for (int s = first; s < first + count; s++)
        {
            var scenario = DemoScenarios.Generate(name, s, options, benignOnly);
            var detectors = scenario.Assets is { } assets ? factories(assets) : plain ??= factories(null);
            DemoRun run;
            if (eventsPath is not null)
            {
                // The world's asset map beside the events, so `ensuresec analyze` with assets.map replays the same judgement.
                if (scenario.AssetMapYaml is { } yaml) await File.WriteAllTextAsync(AssetMapPathFor(eventsPath), yaml, ct).ConfigureAwait(false);
                var file = new FileStream(eventsPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                await using (file.ConfigureAwait(false))
                {
                    using var writer = new EventNdjsonWriter(file);
                    run = await DemoRunner.RunAsync(scenario, detectors, writer.Write, cancellationToken: ct).ConfigureAwait(false);
                }
            }
            else
            {
                run = await DemoRunner.RunAsync(scenario, detectors, cancellationToken: ct).ConfigureAwait(false);
            }

            scores.Add(run.Score);
            if (count == 1) DemoScorecardView.PrintRun(io, DemoScenarios.Title(name), run);
            else io.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{name} seed {s}: {run.Events:N0} events, {run.Score.Attacks.Count(a => a.Detected)}/{run.Score.Attacks.Count} attacks detected, {run.Score.BenignFindings} benign findings, {run.Score.TotalIncidents} incidents ({run.Score.SharedIncidents} shared by attacks), {run.Score.BenignIncidents} false incidents ({run.Elapsed.TotalSeconds:0.0} s)")));
        }

        if (count == 1) return scores[0];
        var aggregate = Scorecard.Aggregate(scores);
        DemoScorecardView.PrintAggregate(io, DemoScenarios.Title(name), aggregate);
        return aggregate;
    }

    private static int Usage(IAnsiConsole io, string reason)
    {
        io.MarkupLine($"[red]error:[/] {Markup.Escape(reason)} (see ensuresec demo --help)");
        return ExitCodes.BadUsage;
    }

    private static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (text is null) return true;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static bool TryDouble(string? text, double fallback, double min, double max, out double value)
    {
        value = fallback;
        if (text is null) return true;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= min && value <= max;
    }
}
