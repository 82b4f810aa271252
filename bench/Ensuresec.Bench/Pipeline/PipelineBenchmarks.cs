using BenchmarkDotNet.Attributes;
using Ensuresec.Bench.Parsers;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection;
using Ensuresec.Ingest;

namespace Ensuresec.Bench.Pipeline;

/// <summary>
/// The pipeline stages on parsed events: dispatch alone (no detectors, the cost of the queues) against all the
/// default detectors, on one and on two partitions.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private SecurityEvent[] _events = [];

    [Params(1, 2)]
    public int Partitions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parser = new AccessLogParser();
        var lines = BenchData.AccessLines();
        var list = new List<SecurityEvent>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            if (parser.TryParse(lines[i], "bench", i + 1, out var e, out _)) list.Add(e);
        }

        _events = list.ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 10_000)]
    public Task DispatchOnly() => RunAsync([]);

    [Benchmark(OperationsPerInvoke = 10_000)]
    public Task AllDetectors() => RunAsync(DetectorCatalog.Create(new DetectionOptions()));

    private async Task RunAsync(IReadOnlyList<Func<IDetector>> detectors)
    {
        var pipeline = new DetectionPipeline(detectors, new NullSink(), new PipelineOptions { Partitions = Partitions });
        for (int i = 0; i < 10_000; i++) await pipeline.WriteAsync(_events[i % _events.Length]);
        await pipeline.CompleteAsync();
    }

    private sealed class NullSink : IFindingSink
    {
        public void Emit(Finding finding)
        {
        }
    }
}
