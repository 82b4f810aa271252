using System.Globalization;
using Ensuresec.Demo.Running;
using Ensuresec.Demo.Scenario;
using Ensuresec.Demo.Scoring;
using Spectre.Console;

namespace Ensuresec.Cli.Commands;

/// <summary>Prints demo scorecards as tables; every value from the scenario or a finding is escaped.</summary>
internal static class DemoScorecardView
{
    public static void PrintRun(IAnsiConsole io, DemoRun run) => PrintRun(io, "Retailer use case", run);

    public static void PrintRun(IAnsiConsole io, string title, DemoRun run)
    {
        var t = run.Truth;
        io.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{title}, seed {t.Seed}: {run.Events:N0} events from {t.Start:yyyy-MM-dd} to {t.End:yyyy-MM-dd}, {run.Findings.Count} findings, {run.Elapsed.TotalSeconds:0.0} s")));
        if (t.Benign.Notes.Count > 0)
        {
            io.MarkupLine("Benign hard cases:");
            foreach (string note in t.Benign.Notes) io.MarkupLine("  " + Markup.Escape(note));
        }
        else
        {
            io.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Benign hard cases: flash sale {t.Benign.FlashSaleStart:ddd HH:mm}-{t.Benign.FlashSaleEnd:HH:mm} x{t.Benign.FlashSaleMultiplier:0.0}, {t.Benign.NatAddresses.Count} NAT addresses, {t.Benign.CrawlerAddresses.Count} crawlers, {t.Benign.MonitorAddresses.Count} monitors")));
        }

        var table = new Table().AddColumns("attack", "kind", "parameters", "window", "detected", "time to detect", "findings", "suggested mitigations");
        foreach (var a in run.Score.Attacks)
        {
            table.AddRow(
                Markup.Escape(a.Attack.Id),
                Markup.Escape(RetailerScenario.Slug(a.Attack.Kind)),
                Markup.Escape(a.Attack.ParameterSummary),
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{a.Attack.Start:ddd HH:mm}-{a.Attack.End:ddd HH:mm}")),
                a.Detected ? "[green]yes[/]" : a.Attack.ExpectedRules is { } family ? $"[red]no[/] (no {Markup.Escape(family)}* finding)" : "[red]no[/]",
                Markup.Escape(Format(a.TimeToDetect)),
                Markup.Escape(a.MatchingFindings > 0 ? string.Create(CultureInfo.InvariantCulture, $"{a.MatchingFindings} ({string.Join(", ", a.Detectors)}) in {a.Incidents} incident{(a.Incidents == 1 ? string.Empty : "s")}") : "0"),
                Markup.Escape(string.Join("; ", a.Mitigations)));
        }

        io.Write(table);
        io.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Findings on benign traffic: {run.Score.BenignFindings}{Detail(run.Score.BenignByDetector)}")));
        foreach (string example in run.Score.BenignExamples.Take(5)) io.MarkupLine("  " + Markup.Escape(example));
        io.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Incidents: {run.Score.TotalIncidents}, of which false (only benign findings): {run.Score.BenignIncidents}, holding findings of two or more attacks: {run.Score.SharedIncidents}")));
        if (run.Faults.Count > 0) io.MarkupLine(Markup.Escape($"Detector faults: {run.Faults.Count}"));
    }

    public static void PrintAggregate(IAnsiConsole io, AggregateScore aggregate) => PrintAggregate(io, "Retailer use case", aggregate);

    public static void PrintAggregate(IAnsiConsole io, string title, AggregateScore aggregate)
    {
        io.MarkupLine(Markup.Escape($"{title}: scorecard over {aggregate.Seeds.Count} seeds ({string.Join(", ", aggregate.Seeds)})"));
        var table = new Table().AddColumns("kind", "detected", "rate", "slow detected", "median time to detect", "p90 time to detect");
        foreach (var k in aggregate.Kinds)
        {
            table.AddRow(
                Markup.Escape(RetailerScenario.Slug(k.Kind)),
                $"{k.Detected}/{k.Attacks}",
                k.DetectionRate.ToString("P0", CultureInfo.InvariantCulture),
                $"{k.SlowDetected}/{k.SlowAttacks}",
                Markup.Escape(Format(k.MedianTimeToDetect)),
                Markup.Escape(Format(k.P90TimeToDetect)));
        }

        io.Write(table);
        io.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Findings on benign traffic: {aggregate.BenignFindingsPerSeed:0.0} per seed (max {aggregate.BenignFindingsMax}){Detail(aggregate.BenignByDetector)}")));
        io.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Incidents: {aggregate.Scores.Sum(x => x.TotalIncidents)} over {aggregate.Seeds.Count} seeds, of which false (only benign findings): {aggregate.BenignIncidents}, holding findings of two or more attacks: {aggregate.Scores.Sum(x => x.SharedIncidents)}")));
    }

    internal static string Format(TimeSpan? t) => t switch
    {
        null => "-",
        { TotalHours: >= 1 } x => string.Create(CultureInfo.InvariantCulture, $"{(int)x.TotalHours}h{x.Minutes:00}m"),
        { TotalMinutes: >= 1 } x => string.Create(CultureInfo.InvariantCulture, $"{(int)x.TotalMinutes}m{x.Seconds:00}s"),
        var x => string.Create(CultureInfo.InvariantCulture, $"{x.Value.TotalSeconds:0.#}s"),
    };

    private static string Detail(IReadOnlyList<KeyValuePair<string, int>> byDetector) =>
        byDetector.Count == 0 ? "" : " (" + string.Join(", ", byDetector.Select(p => $"{p.Key} {p.Value}")) + ")";
}
