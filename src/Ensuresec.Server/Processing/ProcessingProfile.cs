using System.Diagnostics;

namespace Ensuresec.Server.Processing;

/// <summary>
/// Where the processor's time goes: elapsed time per stage of a batch, summed since start (a singleton of the
/// server, read by `ensuresec bench serve`). Updated by the one processor task; read with relaxed consistency.
/// </summary>
public sealed class ProcessingProfile
{
    /// <summary>The stages of one batch, in order.</summary>
    public static readonly IReadOnlyList<string> Stages = ["read backlog", "decode and dispatch", "detect (flush)", "correlate", "store commit", "ledger"];

    private readonly long[] _ticks = new long[Stages.Count];
    private long _batches;

    /// <summary>Batches processed since start.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>The time spent in each of <see cref="Stages"/>, in order.</summary>
    public IReadOnlyList<TimeSpan> Totals => [.. Enumerable.Range(0, _ticks.Length).Select(i => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[i])))];

    internal void Add(int stage, long startTimestamp, long endTimestamp) => Interlocked.Add(ref _ticks[stage], endTimestamp - startTimestamp);

    internal void CountBatch() => Interlocked.Increment(ref _batches);
}
