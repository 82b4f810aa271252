using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Spectre.Console;

namespace Ensuresec.Cli.Analysis;

/// <summary>
/// The human summary of an analyze run. Every string that came from the input (addresses, accounts, paths,
/// explanations) is escaped before Spectre sees it: a log line must not be able to inject console markup.
/// </summary>
internal static class SummaryPrinter
{
    public static void Print(IAnsiConsole console, AnalysisResult r, int top)
    {
        double rate = r.Elapsed.TotalSeconds > 0 ? r.Lines / r.Elapsed.TotalSeconds : 0;
        console.MarkupLine($"[bold]Read[/] {r.Lines:N0} lines from {r.Files.Count} file(s): {r.Events:N0} events, {r.BadLines:N0} bad lines, in {r.Elapsed.TotalSeconds:N1} s ({rate:N0} lines/s).");
        foreach (string e in r.FileErrors) console.MarkupLine($"[red]cannot read[/] {Markup.Escape(e)}");
        foreach (var e in r.ParseErrors.Take(top)) console.MarkupLine($"[yellow]bad line[/] {Markup.Escape(e.ToString())}");
        if (r.BadLines > top) console.MarkupLine($"[grey]... and {r.BadLines - top:N0} more bad lines (all in --json)[/]");
        foreach (var f in r.Faults.Take(top)) console.MarkupLine($"[red]detector fault[/] {Markup.Escape(f.Detector)}: {Markup.Escape(f.Error)}");

        console.WriteLine();
        if (r.Findings.Count == 0)
        {
            console.MarkupLine("[green]No findings.[/]");
            return;
        }

        PrintRules(console, r.Findings);
        PrintIncidents(console, r.Incidents, top);
        PrintTopEntities(console, r.Findings, EntityKinds.SourceIp, "Top offending addresses", top);
        PrintTopEntities(console, r.Findings, EntityKinds.UserName, "Top offending accounts", top);
        PrintWorst(console, r.Findings, top);
    }

    private static void PrintRules(IAnsiConsole console, IReadOnlyList<Finding> findings)
    {
        var table = new Table().Title("Findings by rule").AddColumns("rule", "detector", "technique", "severity", "findings");
        foreach (var g in findings.GroupBy(f => (f.RuleId, f.Detector, f.Technique)).OrderByDescending(g => g.Max(f => f.Severity)).ThenByDescending(g => g.Count()))
        {
            var worst = g.Max(f => f.Severity);
            table.AddRow(Markup.Escape(g.Key.RuleId), Markup.Escape(g.Key.Detector), Markup.Escape(g.Key.Technique), Styled(worst), g.Count().ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var bySeverity = string.Join(", ", Enum.GetValues<Severity>().Reverse().Select(s => $"{s.ToName()} {findings.Count(f => f.Severity == s)}"));
        console.MarkupLine($"{findings.Count:N0} findings: {bySeverity}");
    }

    private static void PrintIncidents(IAnsiConsole console, IReadOnlyList<Incident> incidents, int top)
    {
        if (incidents.Count == 0) return;
        var table = new Table().Title($"Incidents ({incidents.Count:N0})").AddColumns("severity", "first seen", "findings", "title");
        foreach (var i in incidents.OrderByDescending(i => i.Severity).ThenByDescending(i => i.FindingIds.Count).Take(top))
        {
            table.AddRow(Styled(i.Severity), i.FirstSeen.ToString("u", System.Globalization.CultureInfo.InvariantCulture), i.FindingIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(i.Title));
        }

        console.Write(table);
    }

    private static void PrintTopEntities(IAnsiConsole console, IReadOnlyList<Finding> findings, string kind, string title, int top)
    {
        var rows = findings
            .SelectMany(f => f.Entities.Where(e => e.Kind == kind).Distinct().Select(e => (e.Value, f)))
            .GroupBy(x => x.Value, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count(), Worst: g.Max(x => x.f.Severity), Rules: string.Join(", ", g.Select(x => x.f.RuleId).Distinct().Order(StringComparer.Ordinal))))
            .OrderByDescending(x => x.Worst).ThenByDescending(x => x.Count).ThenBy(x => x.Value, StringComparer.Ordinal)
            .Take(top)
            .ToList();
        if (rows.Count == 0) return;
        var table = new Table().Title(title).AddColumns(kind, "worst", "findings", "rules");
        foreach (var (value, count, worst, rules) in rows) table.AddRow(Markup.Escape(value), Styled(worst), count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(rules));
        console.Write(table);
    }

    private static void PrintWorst(IAnsiConsole console, IReadOnlyList<Finding> findings, int top)
    {
        console.MarkupLine("[bold]Most severe findings[/]");
        foreach (var f in findings.OrderByDescending(f => f.Severity).ThenBy(f => f.DetectedAt).Take(top))
        {
            console.MarkupLine($"{Styled(f.Severity)} {f.DetectedAt:u} [grey]{Markup.Escape(f.RuleId)}[/] {Markup.Escape(f.Explanation)}");
        }
    }

    private static string Styled(Severity s) => s switch
    {
        Severity.Critical => "[bold red]critical[/]",
        Severity.High => "[red]high[/]",
        Severity.Medium => "[yellow]medium[/]",
        Severity.Low => "[blue]low[/]",
        _ => "[grey]info[/]",
    };
}
