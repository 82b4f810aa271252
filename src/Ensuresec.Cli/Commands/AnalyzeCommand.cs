using System.CommandLine;
using Ensuresec.Cli.Analysis;
using Ensuresec.Core.Events;
using Ensuresec.Ingest;
using Spectre.Console;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec analyze FILE...`: offline detection over access logs and JSON-lines events.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Access logs (combined or --log-format) or JSON-lines event files, plain or .gz.", Arity = ArgumentArity.OneOrMore };
        var logFormat = new Option<string?>("--log-format") { Description = "An nginx log_format string for the access logs, e.g. '$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent'." };
        var format = new Option<EventFileFormat>("--format") { Description = "Input format: Auto (JSON lines if a line starts with '{', else access log), JsonLines or AccessLog.", DefaultValueFactory = _ => EventFileFormat.Auto };
        var json = new Option<string?>("--json") { Description = "Write every finding, incident and bad line to this JSON file." };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with 1 if any finding is at or above this severity (info, low, medium, high, critical)." };
        var top = new Option<int>("--top") { Description = "Rows per table in the summary.", DefaultValueFactory = _ => 10 };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not draw a progress bar." };
        var config = ConfigOption.Create();
        var command = new Command("analyze", "Read access logs and JSON-lines events, run the detectors, print findings, incidents and the top offenders.")
        {
            files, logFormat, format, json, failOn, top, noProgress, config,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var err = Console.Error;
            var cfg = ConfigOption.Load(pr.GetValue(config), err);
            if (cfg is null) return ExitCodes.BadUsage;
            Severity? failAt = null;
            if (pr.GetValue(failOn) is { } failText)
            {
                if (!SeverityNames.TryParse(failText, out var s))
                {
                    err.WriteLine($"--fail-on: '{failText}' is not one of info, low, medium, high, critical");
                    return ExitCodes.BadUsage;
                }

                failAt = s;
            }

            string formatText = pr.GetValue(logFormat) ?? cfg.Sources.LogFormat;
            AccessLogFormat? accessFormat = null;
            if (!string.IsNullOrEmpty(formatText) && !AccessLogFormat.TryCompile(formatText, out accessFormat, out string? formatError))
            {
                err.WriteLine($"--log-format: {formatError}");
                return ExitCodes.BadUsage;
            }

            int rows = Math.Clamp(pr.GetValue(top), 1, 1000);
            var readerOptions = new EventFileReaderOptions
            {
                Format = pr.GetValue(format),
                AccessLogFormat = accessFormat,
                AccessLogDataset = cfg.Sources.AccessLogDataset,
                MaxAccessLogLineBytes = cfg.Sources.MaxLineBytes,
            };
            var sigma = Ensuresec.Cli.Waf.SigmaReport.Load(cfg);
            if (sigma is not null) Ensuresec.Cli.Waf.SigmaReport.Print(sigma, err);
            var analyzer = new LogAnalyzer(Composition.Detectors(cfg), f => Composition.Correlate(cfg, f), Composition.Pipeline(cfg));
            var paths = pr.GetValue(files)!;
            var result = await RunWithProgressAsync(analyzer, paths, readerOptions, !pr.GetValue(noProgress), ct).ConfigureAwait(false);

            SummaryPrinter.Print(AnsiConsole.Console, result, rows);
            if (pr.GetValue(json) is { } jsonPath)
            {
                await using (var stream = File.Create(jsonPath))
                {
                    AnalysisJson.Write(stream, result, sigma);
                }

                AnsiConsole.MarkupLine($"Wrote {Markup.Escape(jsonPath)}");
            }

            if (result.FileErrors.Count == paths.Length) return ExitCodes.BadUsage;
            return failAt is { } level && result.Findings.Any(f => f.Severity >= level) ? ExitCodes.FindingsAtOrAbove : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<AnalysisResult> RunWithProgressAsync(LogAnalyzer analyzer, string[] paths, EventFileReaderOptions options, bool wantProgress, CancellationToken ct)
    {
        long total = paths.Sum(p => File.Exists(p) ? new FileInfo(p).Length : 0);
        // A bar only helps on large input and on a terminal; in scripts and CI it would be noise.
        if (!wantProgress || total < 8 * 1024 * 1024 || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await analyzer.RunAsync(paths, options, null, ct).ConfigureAwait(false);
        }

        AnalysisResult? result = null;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("analyzing", maxValue: total);
            result = await analyzer.RunAsync(paths, options, (done, all) => task.Value = Math.Min(done, all), ct).ConfigureAwait(false);
            task.Value = total;
        }).ConfigureAwait(false);
        return result!;
    }
}
