using System.Collections.Concurrent;
using System.Threading.Channels;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Core.Pipeline;

/// <summary>
/// Events in, findings out. A dispatcher batches events, asks each detector for its keys and sends
/// (event, detector, key) to the partition that owns the key; partitions run the detectors; one consumer
/// hands the findings to the output sink, so the sink needs no locks. Every queue is bounded except the
/// findings queue (findings are rare next to events): a fast writer waits instead of filling memory.
/// </summary>
public sealed class DetectionPipeline : IAsyncDisposable
{
    private readonly PipelineOptions _options;
    private readonly Channel<InputItem> _input;
    private readonly Partition[] _partitions;
    private readonly IDetector[] _keySelectors;
    private readonly Channel<OutputItem> _output;
    private readonly IFindingSink _sink;
    private readonly Task _dispatcher;
    private readonly Task[] _workers;
    private readonly Task _consumer;
    private readonly ConcurrentQueue<DetectorFault> _faults = new();
    private long _eventsIn;
    private long _findingsOut;
    private int _completed;

    /// <param name="detectors">One factory per detector; each partition gets its own instance.</param>
    /// <param name="sink">Receives every finding, from one task at a time.</param>
    public DetectionPipeline(IReadOnlyList<Func<IDetector>> detectors, IFindingSink sink, PipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        ArgumentNullException.ThrowIfNull(sink);
        _options = options ?? new PipelineOptions();
        _options.Validate();
        _sink = sink;
        _input = Channel.CreateBounded<InputItem>(new BoundedChannelOptions(_options.InputCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _output = Channel.CreateUnbounded<OutputItem>(new UnboundedChannelOptions { SingleReader = true });
        _partitions = new Partition[_options.Partitions];
        for (int p = 0; p < _partitions.Length; p++)
        {
            _partitions[p] = new Partition(p, detectors.Select(f => f()).ToArray(), this);
        }

        _keySelectors = detectors.Select(f => f()).ToArray();
        _workers = _partitions.Select(p => Task.Run(p.RunAsync)).ToArray();
        _dispatcher = Task.Run(DispatchAsync);
        _consumer = Task.Run(ConsumeAsync);
    }

    /// <summary>Names of the detectors, in the order given.</summary>
    public IReadOnlyList<string> DetectorNames => _keySelectors.Select(d => d.Name).ToArray();

    /// <summary>Faults so far: the detector, the event, the error.</summary>
    public IReadOnlyCollection<DetectorFault> Faults => _faults.ToArray();

    public long EventsIn => Interlocked.Read(ref _eventsIn);

    public long FindingsOut => Interlocked.Read(ref _findingsOut);

    /// <summary>Queues an event; waits while the pipeline is full.</summary>
    public ValueTask WriteAsync(SecurityEvent e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        Interlocked.Increment(ref _eventsIn);
        return _input.Writer.WriteAsync(new InputItem(e, null), cancellationToken);
    }

    /// <summary>
    /// Completes when every event written before the call has passed all detectors and their findings
    /// have reached the sink.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var barrier = new Barrier(_partitions.Length);
        await _input.Writer.WriteAsync(new InputItem(null, barrier), cancellationToken).ConfigureAwait(false);
        await barrier.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the input, lets every detector see the end of time, and waits for the last finding.</summary>
    public async Task CompleteAsync()
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1)
        {
            await _consumer.ConfigureAwait(false);
            return;
        }

        _input.Writer.TryComplete();
        await _dispatcher.ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _output.Writer.TryComplete();
        await _consumer.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await CompleteAsync().ConfigureAwait(false);

    private async Task DispatchAsync()
    {
        var keys = new List<DetectorKey>(4);
        var pending = new List<WorkItem>[_partitions.Length];
        for (int p = 0; p < pending.Length; p++) pending[p] = new List<WorkItem>(_options.BatchSize);
        try
        {
            var reader = _input.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                int taken = 0;
                while (taken < _options.BatchSize && reader.TryRead(out var item))
                {
                    taken++;
                    if (item.Barrier is not null)
                    {
                        await SendAllAsync(pending).ConfigureAwait(false);
                        foreach (var partition in _partitions)
                        {
                            await partition.Queue.Writer.WriteAsync(new WorkBatch(null, item.Barrier)).ConfigureAwait(false);
                        }

                        continue;
                    }

                    Route(item.Event!, keys, pending);
                }

                await SendAllAsync(pending).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var partition in _partitions) partition.Queue.Writer.TryComplete();
        }
    }

    private void Route(SecurityEvent e, List<DetectorKey> keys, List<WorkItem>[] pending)
    {
        for (int d = 0; d < _keySelectors.Length; d++)
        {
            keys.Clear();
            try
            {
                _keySelectors[d].SelectKeys(e, keys);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _faults.Enqueue(new DetectorFault(_keySelectors[d].Name, e.Id, $"{ex.GetType().Name}: {ex.Message}", -1));
                continue;
            }

            foreach (var key in keys)
            {
                int p = _partitions.Length == 1 ? 0 : PartitionOf(d, key);
                pending[p].Add(new WorkItem(e, d, key));
            }
        }

        // Every partition sees every event's time, so that quiet partitions still advance their clocks.
        for (int p = 0; p < pending.Length; p++)
        {
            if (pending[p].Count == 0 || pending[p][^1].Event != e) pending[p].Add(new WorkItem(e, -1, default));
        }
    }

    private int PartitionOf(int detector, DetectorKey key)
    {
        // string.GetHashCode is randomised per process; partitions only need to be stable within one.
        uint h = unchecked((uint)HashCode.Combine(detector, key.Slot, key.Value));
        return (int)(h % (uint)_partitions.Length);
    }

    private async ValueTask SendAllAsync(List<WorkItem>[] pending)
    {
        for (int p = 0; p < pending.Length; p++)
        {
            if (pending[p].Count == 0) continue;
            var batch = pending[p].ToArray();
            pending[p].Clear();
            await _partitions[p].Queue.Writer.WriteAsync(new WorkBatch(batch, null)).ConfigureAwait(false);
        }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var item in _output.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item.Barrier is not null)
            {
                item.Barrier.Done.TrySetResult();
                continue;
            }

            try
            {
                _sink.Emit(item.Finding!);
                Interlocked.Increment(ref _findingsOut);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _faults.Enqueue(new DetectorFault("sink", null, $"{ex.GetType().Name}: {ex.Message}", -1));
            }
        }
    }

    private void ReportFault(DetectorFault fault) => _faults.Enqueue(fault);

    private void Publish(Finding finding) => _output.Writer.TryWrite(new OutputItem(finding, null));

    private void ArriveAtBarrier(Barrier barrier)
    {
        if (Interlocked.Decrement(ref barrier.Remaining) == 0) _output.Writer.TryWrite(new OutputItem(null, barrier));
    }

    private readonly record struct InputItem(SecurityEvent? Event, Barrier? Barrier);

    private readonly record struct WorkItem(SecurityEvent Event, int Detector, DetectorKey Key);

    private readonly record struct WorkBatch(WorkItem[]? Items, Barrier? Barrier);

    private readonly record struct OutputItem(Finding? Finding, Barrier? Barrier);

    private sealed class Barrier(int partitions)
    {
        public int Remaining = partitions;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Partition : IFindingSink
    {
        private readonly int _index;
        private readonly IDetector[] _detectors;
        private readonly int[] _faultCounts;
        private readonly DetectionPipeline _owner;
        private DateTimeOffset _clock = DateTimeOffset.MinValue;
        private DateTimeOffset _lastAdvance = DateTimeOffset.MinValue;

        public Partition(int index, IDetector[] detectors, DetectionPipeline owner)
        {
            _index = index;
            _detectors = detectors;
            _faultCounts = new int[detectors.Length];
            _owner = owner;
            Queue = Channel.CreateBounded<WorkBatch>(new BoundedChannelOptions(owner._options.PartitionCapacity)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        public Channel<WorkBatch> Queue { get; }

        public void Emit(Finding finding) => _owner.Publish(finding);

        public async Task RunAsync()
        {
            await foreach (var batch in Queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (batch.Barrier is not null)
                {
                    _owner.ArriveAtBarrier(batch.Barrier);
                    continue;
                }

                foreach (var item in batch.Items!)
                {
                    Tick(item.Event.Timestamp);
                    if (item.Detector < 0) continue;
                    Observe(item);
                }
            }

            if (_clock != DateTimeOffset.MinValue) AdvanceAll(_clock);
        }

        private void Tick(DateTimeOffset t)
        {
            if (t <= _clock) return;
            _clock = t;
            if (_lastAdvance == DateTimeOffset.MinValue) _lastAdvance = t;
            if (t - _lastAdvance >= _owner._options.AdvanceInterval) AdvanceAll(t);
        }

        private void AdvanceAll(DateTimeOffset now)
        {
            _lastAdvance = now;
            for (int d = 0; d < _detectors.Length; d++)
            {
                if (_faultCounts[d] >= _owner._options.MaxFaultsPerDetector) continue;
                try
                {
                    _detectors[d].Advance(now, this);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Fault(d, null, ex);
                }
            }
        }

        private void Observe(in WorkItem item)
        {
            int d = item.Detector;
            if (_faultCounts[d] >= _owner._options.MaxFaultsPerDetector) return;
            try
            {
                _detectors[d].Observe(item.Event, item.Key, this);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Fault(d, item.Event.Id, ex);
            }
        }

        private void Fault(int d, string? eventId, Exception ex)
        {
            {
                _faultCounts[d]++;
                string error = $"{ex.GetType().Name}: {ex.Message}";
                if (_faultCounts[d] == _owner._options.MaxFaultsPerDetector) error += " (switched off in this partition after too many faults)";
                _owner.ReportFault(new DetectorFault(_detectors[d].Name, eventId, error, _index));
            }
        }
    }
}
