using System.Diagnostics;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Ingest;

namespace Ensuresec.Cli.Analysis;

/// <summary>Reads files of access logs or JSON-lines events and runs them through the detectors and the correlator.</summary>
internal sealed class LogAnalyzer(IReadOnlyList<Func<IDetector>> detectors, Func<IReadOnlyList<Finding>, IReadOnlyList<Incident>> correlate, PipelineOptions pipeline)
{
    /// <summary>Bad lines kept with their text position; the rest are only counted.</summary>
    public const int MaxReportedErrors = 1_000;

    /// <param name="progress">Called now and then with (bytes read so far over all files, total bytes).</param>
    public async Task<AnalysisResult> RunAsync(IReadOnlyList<string> files, EventFileReaderOptions readerOptions, Action<long, long>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var sink = new CollectingSink();
        var errors = new List<ParseError>();
        var fileErrors = new List<string>();
        long lines = 0, events = 0, bad = 0, doneBytes = 0;
        long totalBytes = files.Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0);
        var pipe = new DetectionPipeline(detectors, sink, pipeline);
        await using (pipe.ConfigureAwait(false))
        {
            foreach (string file in files)
            {
                if (!EventFileReader.TryOpen(file, readerOptions, out var reader, out string? error))
                {
                    fileErrors.Add($"{file}: {error}");
                    continue;
                }

                using (reader)
                {
                    foreach (var item in reader.ReadAll())
                    {
                        ct.ThrowIfCancellationRequested();
                        lines++;
                        if (item.Event is not null)
                        {
                            events++;
                            await pipe.WriteAsync(item.Event, ct).ConfigureAwait(false);
                        }
                        else
                        {
                            bad++;
                            if (errors.Count < MaxReportedErrors) errors.Add(item.Error!);
                        }

                        if ((lines & 0xFFFF) == 0) progress?.Invoke(doneBytes + reader.BytesRead, totalBytes);
                    }

                    doneBytes += reader.TotalBytes > 0 ? reader.TotalBytes : reader.BytesRead;
                }
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
            progress?.Invoke(totalBytes, totalBytes);

            var findings = sink.Findings.OrderBy(f => f.DetectedAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
            return new AnalysisResult
            {
                Files = files,
                Lines = lines,
                Events = events,
                BadLines = bad,
                ParseErrors = errors,
                FileErrors = fileErrors,
                Findings = findings,
                Incidents = correlate(findings),
                Faults = pipe.Faults,
                Elapsed = clock.Elapsed,
            };
        }
    }

    private sealed class CollectingSink : IFindingSink
    {
        // The pipeline calls Emit from one task at a time.
        public List<Finding> Findings { get; } = [];

        public void Emit(Finding finding) => Findings.Add(finding);
    }
}
