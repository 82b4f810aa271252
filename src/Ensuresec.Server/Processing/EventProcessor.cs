using System.Diagnostics;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Server.Ingest;
using Ensuresec.Store;
using Ensuresec.Store.Queries;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Server.Processing;

/// <summary>
/// Takes stored, unprocessed events in arrival order, runs them through the detection pipeline one batch at a
/// time (flushing after each), and commits the batch's findings, incidents and "processed" marks in one
/// transaction. After a crash it resumes from whatever is still unprocessed; finding ids are deterministic and
/// kept first-written, so a batch processed twice adds nothing.
/// </summary>
internal sealed class EventProcessor(
    EnsuresecStore store,
    ServerOptions options,
    IEventBatchDecoder decoder,
    ProcessorSignal signal,
    ILogger<EventProcessor> log,
    ProcessingProfile profile,
    Ledger.EvidenceLedger? ledger = null) : BackgroundService
{
    private long _processed;

    /// <summary>Events processed since start.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var sink = new CollectingSink();
        var pipeline = new DetectionPipeline(options.Detectors, sink, options.Pipeline);
        var incidents = options.IncidentBuilder?.Invoke();
        var time = options.Time;
        var nextRetention = time.GetUtcNow();
        int faultsSeen = 0;
        try
        {
            await WarmUpAsync(pipeline, sink, incidents, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    int count = await ProcessBatchAsync(pipeline, sink, incidents, stoppingToken).ConfigureAwait(false);
                    faultsSeen = ReportFaults(pipeline, faultsSeen);
                    if (options.EventRetention is { } keep && time.GetUtcNow() >= nextRetention)
                    {
                        int deleted = store.DeleteProcessedEventsOlderThan(keep);
                        if (deleted > 0) log.LogInformation("retention: deleted {Count} processed events older than {Age}", deleted, keep);
                        nextRetention = time.GetUtcNow() + TimeSpan.FromHours(1);
                    }

                    if (count == 0) await signal.WaitAsync(options.ProcessorPollInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The store may be busy or the disk full: the batch stays unprocessed and is retried.
                    log.LogError(ex, "processing a batch failed; retrying");
                    await Task.Delay(options.ProcessorPollInterval, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            // Findings raised by the end-of-input Advance are dropped on purpose: the stream goes on after a restart.
            await pipeline.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Replays the last processed events so that windows (failures per address, rates per path) hold what they held
    /// before the restart. Their findings were stored the first time; the replay's are dropped, since a window
    /// rebuilt from a cut-off history could fire under another id.
    /// </summary>
    private async Task WarmUpAsync(DetectionPipeline pipeline, CollectingSink sink, IIncidentBuilder? incidents, CancellationToken ct)
    {
        if (options.WarmUpEvents == 0) return;
        var recent = store.ReadRecentProcessed(options.WarmUpEvents);
        if (recent.Count == 0) return;
        var newest = recent.Max(e => e.Timestamp);
        int replayed = 0;
        foreach (var stored in recent)
        {
            if (newest - stored.Timestamp > options.WarmUpWindow) continue;
            if (!decoder.TryDecodeStored(stored.Json, out var e, out _)) continue;
            await pipeline.WriteAsync(e, ct).ConfigureAwait(false);
            replayed++;
        }

        await pipeline.FlushAsync(ct).ConfigureAwait(false);
        sink.Drain();
        // The correlator's windows are longer than the detectors' (an ATM skimmed on Monday, its cards used on Wednesday).
        var findingWindow = incidents is null ? TimeSpan.Zero : Min(Max(incidents.ReplayWindow, options.WarmUpWindow), options.WarmUpMaxFindingWindow);
        int findings = incidents is null ? 0 : RebuildIncidents(incidents, newest - findingWindow);
        log.LogInformation("warmed the detectors with {Count} recent events and the correlator with {Findings} recent findings", replayed, findings);
    }

    /// <summary>
    /// Feeds the correlator the findings stored over the warm-up window, so that a finding after the restart joins
    /// the incident it belongs to instead of starting a second one. Incidents are deterministic, so replaying
    /// rebuilds the stored ones; their snapshots are not written again.
    /// </summary>
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private int RebuildIncidents(IIncidentBuilder incidents, DateTimeOffset since)
    {
        var retired = new List<string>();
        int fed = 0;
        long offset = 0;
        while (fed < options.WarmUpEvents)
        {
            var page = store.QueryFindings(new FindingQuery { Since = since, Limit = Paging.MaxLimit, Offset = offset });
            foreach (var f in page.Items) incidents.Add(f, retired);
            fed += page.Items.Count;
            if (page.NextOffset is not { } next) break;
            offset = next;
        }

        return fed;
    }

    private async Task<int> ProcessBatchAsync(DetectionPipeline pipeline, CollectingSink sink, IIncidentBuilder? incidents, CancellationToken ct)
    {
        long t0 = Stopwatch.GetTimestamp();
        var batch = store.ReadBacklog(options.ProcessorBatchSize);
        if (batch.Count == 0) return 0;
        long t1 = Stopwatch.GetTimestamp();
        profile.Add(0, t0, t1);
        var seqs = new long[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            var stored = batch[i];
            seqs[i] = stored.Seq;
            if (decoder.TryDecodeStored(stored.Json, out var e, out string? error))
            {
                await pipeline.WriteAsync(e, ct).ConfigureAwait(false);
            }
            else
            {
                // Kept in the store for inspection; marked processed so one bad row cannot block the rest.
                log.LogWarning("stored event seq {Seq} cannot be decoded ({Error}); skipped", stored.Seq, error);
            }
        }

        long t2 = Stopwatch.GetTimestamp();
        profile.Add(1, t1, t2);
        await pipeline.FlushAsync(ct).ConfigureAwait(false);
        var findings = sink.Drain();
        long t3 = Stopwatch.GetTimestamp();
        profile.Add(2, t2, t3);
        var (touched, retired) = Correlate(incidents, findings);
        long t4 = Stopwatch.GetTimestamp();
        profile.Add(3, t3, t4);
        var commit = store.CommitProcessed(seqs, findings, touched.Values.ToList(), retired.ToList());
        long t5 = Stopwatch.GetTimestamp();
        profile.Add(4, t4, t5);
        RecordInLedger(findings, touched.Values);
        profile.Add(5, t5, Stopwatch.GetTimestamp());
        profile.CountBatch();
        Interlocked.Add(ref _processed, commit.EventsMarked);
        if (commit.FindingsInserted > 0)
        {
            log.LogDebug("processed {Events} events: {Findings} new findings, {Incidents} incidents updated", commit.EventsMarked, commit.FindingsInserted, commit.IncidentsUpserted);
        }

        return batch.Count;
    }

    /// <summary>
    /// The batch's findings into incidents: the last snapshot of each incident the batch changed (one store row and one
    /// ledger entry per incident and batch, however many findings joined it), and the ids that no longer exist. An id
    /// retired after its incident was touched is not written; one revived by a later finding is not deleted.
    /// </summary>
    private static (Dictionary<string, Incident> Touched, HashSet<string> Retired) Correlate(IIncidentBuilder? incidents, List<Finding> findings)
    {
        var touched = new Dictionary<string, Incident>(StringComparer.Ordinal);
        var retired = new HashSet<string>(StringComparer.Ordinal);
        if (incidents is null) return (touched, retired);
        var retiredNow = new List<string>();
        foreach (var f in findings)
        {
            var incident = incidents.Add(f, retiredNow);
            foreach (string id in retiredNow)
            {
                touched.Remove(id);
                retired.Add(id);
            }

            retiredNow.Clear();
            if (incident is null) continue;
            touched[incident.Id] = incident;
            retired.Remove(incident.Id);
        }

        return (touched, retired);
    }

    /// <summary>After the commit: the ledger takes the new findings and changed incidents (a failure is logged; the restart catch-up fills the gap).</summary>
    private void RecordInLedger(IReadOnlyList<Finding> findings, IReadOnlyCollection<Incident> incidents)
    {
        if (ledger is null || (findings.Count == 0 && incidents.Count == 0)) return;
        try
        {
            ledger.Record(findings, incidents);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Ensuresec.Ledger.Tiles.LedgerDataException)
        {
            log.LogError(ex, "ledger: appending {Count} findings and incidents failed; they are appended on the next start", findings.Count + incidents.Count);
        }
    }

    private int ReportFaults(DetectionPipeline pipeline, int seen)
    {
        var faults = pipeline.Faults;
        if (faults.Count <= seen) return seen;
        foreach (var fault in faults.Skip(seen))
        {
            log.LogWarning("detector {Detector} failed on event {EventId}: {Error}", fault.Detector, fault.EventId, fault.Error);
        }

        return faults.Count;
    }
}
