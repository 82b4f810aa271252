using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Tests.Detection;

/// <summary>Runs detectors the way one pipeline partition does (keys, observe, advance each minute), or through the real pipeline.</summary>
internal static class DetectorRunner
{
    public static List<Finding> Run(IDetector detector, IEnumerable<SecurityEvent> events)
    {
        var sink = new ListSink();
        var keys = new List<DetectorKey>();
        DateTimeOffset clock = DateTimeOffset.MinValue, lastAdvance = DateTimeOffset.MinValue;
        foreach (var e in events)
        {
            if (e.Timestamp > clock)
            {
                clock = e.Timestamp;
                if (lastAdvance == DateTimeOffset.MinValue) lastAdvance = clock;
                if (clock - lastAdvance >= TimeSpan.FromMinutes(1))
                {
                    detector.Advance(clock, sink);
                    lastAdvance = clock;
                }
            }

            keys.Clear();
            detector.SelectKeys(e, keys);
            foreach (var k in keys) detector.Observe(e, k, sink);
        }

        if (clock != DateTimeOffset.MinValue) detector.Advance(clock, sink);
        return sink.Findings;
    }

    public static Task<List<Finding>> RunPipelineAsync(IReadOnlyList<Func<IDetector>> detectors, IEnumerable<SecurityEvent> events, int partitions = 2) =>
        Task.Run(() => RunPipelineCoreAsync(detectors, events, partitions));

    private static async Task<List<Finding>> RunPipelineCoreAsync(IReadOnlyList<Func<IDetector>> detectors, IEnumerable<SecurityEvent> events, int partitions)
    {
        var sink = new ListSink();
        await using (var pipeline = new DetectionPipeline(detectors, sink, new PipelineOptions { Partitions = partitions }))
        {
            var timeout = TimeSpan.FromSeconds(15);
            foreach (var e in events) await pipeline.WriteAsync(e).AsTask().WaitAsync(timeout);
            await pipeline.CompleteAsync().WaitAsync(timeout);
            pipeline.Faults.ShouldBeEmpty();
        }

        return sink.Findings;
    }

    public static IEnumerable<SecurityEvent> Merge(params IEnumerable<SecurityEvent>[] streams) =>
        streams.SelectMany(s => s).OrderBy(e => e.Timestamp).ThenBy(e => e.Id, StringComparer.Ordinal);

    private sealed class ListSink : IFindingSink
    {
        private readonly Lock _lock = new();

        public List<Finding> Findings { get; } = [];

        public void Emit(Finding finding)
        {
            lock (_lock) Findings.Add(finding);
        }
    }
}
