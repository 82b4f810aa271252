using Ensuresec.Core.Pipeline;
using Ensuresec.Server.Ingest;
using Ensuresec.Server.Processing;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Server;

/// <summary>Everything <see cref="EnsuresecServer.Build"/> needs; validated once there.</summary>
public sealed record ServerOptions
{
    /// <summary>The data folder holding ensuresec.db.</summary>
    public string DataDirectory { get; init; } = "./ensuresec-data";

    /// <summary>Where to listen, ';'-separated. Port 0 picks a free port (see WebApplication.Urls after start).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Largest request body accepted; larger bodies get 413 and nothing is stored.</summary>
    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most events in one request.</summary>
    public int MaxEventsPerRequest { get; init; } = 10_000;

    /// <summary>One factory per detector (the pipeline makes one instance per partition).</summary>
    public IReadOnlyList<Func<IDetector>> Detectors { get; init; } = [];

    public PipelineOptions Pipeline { get; init; } = new();

    /// <summary>Makes the incident builder once at start; null: no incidents are built.</summary>
    public Func<IIncidentBuilder>? IncidentBuilder { get; init; }

    /// <summary>Reads request bodies and stored events; null: the built-in minimal ECS decoder.</summary>
    public IEventBatchDecoder? Decoder { get; init; }

    /// <summary>Clock for received_at, retention and the processor's waits.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public RateLimitOptions RateLimits { get; init; } = new();

    /// <summary>Most events the processor takes per batch (one flush and one commit each).</summary>
    public int ProcessorBatchSize { get; init; } = 1_000;

    /// <summary>
    /// On start, the detectors first see up to this many of the last processed events (findings discarded), so
    /// their windows are not empty after a restart; 0 switches it off.
    /// </summary>
    public int WarmUpEvents { get; init; } = 50_000;

    /// <summary>Of those, only events this close in event time to the newest one are replayed.</summary>
    public TimeSpan WarmUpWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The correlator is fed the findings of its longest join window (3 days for assets and phishing exposures by
    /// default) before the restart, but never more than this far back, and at most <see cref="WarmUpEvents"/> findings.
    /// </summary>
    public TimeSpan WarmUpMaxFindingWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often the processor looks for work when nobody told it (events written by another process).</summary>
    public TimeSpan ProcessorPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Processed events received longer ago than this are deleted (checked hourly); null keeps them forever.</summary>
    public TimeSpan? EventRetention { get; init; }

    /// <summary>SQLite synchronous=FULL instead of NORMAL: survives power loss, at an fsync per commit.</summary>
    public bool FullSync { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>The evidence ledger (on by default, in &lt;data&gt;/ledger).</summary>
    public Ledger.LedgerOptions Ledger { get; init; } = new();

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory)) throw new ArgumentException("a data directory is required", nameof(DataDirectory));
        if (string.IsNullOrWhiteSpace(Urls)) throw new ArgumentException("at least one URL is required", nameof(Urls));
        if (MaxBodyBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, "at least 1");
        if (MaxEventsPerRequest < 1) throw new ArgumentOutOfRangeException(nameof(MaxEventsPerRequest), MaxEventsPerRequest, "at least 1");
        if (WarmUpEvents < 0) throw new ArgumentOutOfRangeException(nameof(WarmUpEvents), WarmUpEvents, "0 or more");
        if (WarmUpMaxFindingWindow < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(WarmUpMaxFindingWindow), WarmUpMaxFindingWindow, "not negative");
        if (WarmUpWindow < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(WarmUpWindow), WarmUpWindow, "not negative");
        if (ProcessorBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(ProcessorBatchSize), ProcessorBatchSize, "at least 1");
        if (ProcessorPollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ProcessorPollInterval), ProcessorPollInterval, "positive");
        if (EventRetention is { } r && r <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(EventRetention), r, "positive");
        ArgumentNullException.ThrowIfNull(Detectors);
        ArgumentNullException.ThrowIfNull(Pipeline);
        ArgumentNullException.ThrowIfNull(Time);
        ArgumentNullException.ThrowIfNull(RateLimits);
        ArgumentNullException.ThrowIfNull(Ledger);
        Pipeline.Validate();
        RateLimits.Validate();
    }
}
