using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Ingest;

namespace Ensuresec.Physical.Tests.Support;

/// <summary>Runs detectors over events, directly or through a two-partition pipeline, and parses NDJSON lines.</summary>
internal static class Run
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public static List<Finding> Direct(IDetector detector, IEnumerable<SecurityEvent> events)
    {
        var sink = new Sink();
        var keys = new List<DetectorKey>();
        DateTimeOffset last = T0;
        foreach (var e in events)
        {
            keys.Clear();
            detector.SelectKeys(e, keys);
            foreach (var k in keys) detector.Observe(e, k, sink);
            if (e.Timestamp > last) last = e.Timestamp;
        }

        detector.Advance(last, sink);
        return sink.Findings;
    }

    public static async Task<List<Finding>> PipelineAsync(IReadOnlyList<Func<IDetector>> detectors, IEnumerable<SecurityEvent> events)
    {
        var sink = new Sink();
        var pipeline = new DetectionPipeline(detectors, sink, new PipelineOptions { Partitions = 2 });
        await using (pipeline)
        {
            foreach (var e in events) await pipeline.WriteAsync(e);
            await pipeline.CompleteAsync();
            pipeline.Faults.ShouldBeEmpty();
        }

        return sink.Findings;
    }

    public static SecurityEvent Parse(string json)
    {
        JsonEventParser.Default.TryParse(json, "test", 1, out var e, out var error).ShouldBeTrue(error?.ToString());
        return e!;
    }

    private sealed class Sink : IFindingSink
    {
        public List<Finding> Findings { get; } = [];

        public void Emit(Finding finding)
        {
            lock (Findings) Findings.Add(finding);
        }
    }
}
