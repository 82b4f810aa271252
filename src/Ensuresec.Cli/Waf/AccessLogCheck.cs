using System.Globalization;
using Ensuresec.Ingest;
using Ensuresec.Waf;
using Ensuresec.Waf.Http;
using Ensuresec.Waf.Model;
using Spectre.Console;

namespace Ensuresec.Cli.Waf;

/// <summary>Runs an access log through the analyser the way the pipeline sees it (path, query, user agent) and lists every flagged line.</summary>
internal static class AccessLogCheck
{
    public sealed record Flag(long Line, string Request, IReadOnlyList<WafFinding> Findings);

    public sealed record Result(string File, long Lines, long Unparsed, List<Flag> Flagged);

    public static Result Run(string path, WafOptions options)
    {
        var parser = new AccessLogParser();
        var analyzer = new WafAnalyzer(options);
        var flagged = new List<Flag>();
        long lines = 0, unparsed = 0;
        foreach (string line in File.ReadLines(path))
        {
            lines++;
            if (!parser.TryParse(line, path, lines, out var e, out _))
            {
                unparsed++;
                continue;
            }

            if (EventRequests.From(e) is not { } request) continue;
            var verdict = analyzer.Analyze(request);
            if (verdict.Findings.Count > 0) flagged.Add(new Flag(lines, $"{request.Method} {request.Target}", verdict.Findings));
        }

        return new Result(path, lines, unparsed, flagged);
    }

    public static void Print(Result r)
    {
        double clean = r.Lines == 0 ? 0 : 100.0 * (r.Lines - r.Flagged.Count) / r.Lines;
        AnsiConsole.MarkupLine($"[bold]access log[/] {Markup.Escape(r.File)}: {r.Lines:N0} lines, {r.Flagged.Count:N0} flagged, {clean.ToString("N2", CultureInfo.InvariantCulture)}% clean ({r.Unparsed:N0} unparsed)");
        foreach (var f in r.Flagged)
        {
            AnsiConsole.MarkupLine($"  line {f.Line}: {Markup.Escape(Cut(f.Request))}");
            foreach (var finding in f.Findings) AnsiConsole.MarkupLine("    " + Markup.Escape(WafJson.Describe(finding)));
        }
    }

    private static string Cut(string s) => s.Length > 160 ? s[..160] + "..." : s;
}
