using System.Collections.Concurrent;
using Ensuresec.Core.Events;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Tests.Pipeline;

public class DetectionPipelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static SecurityEvent Event(int n, string ip, string path = "/", int seconds = 0) => new()
    {
        Id = $"e{n}",
        Timestamp = T0.AddSeconds(seconds),
        SourceIp = ip,
        UrlPath = path,
    };

    [Fact]
    public async Task WriteAsync_ManyKeysOverPartitions_EachKeyLivesInOneInstance()
    {
        var owners = new ConcurrentDictionary<string, ConcurrentBag<int>>();
        var sink = new ListSink();
        await using (var pipeline = new DetectionPipeline([() => new CountingDetector(50, owners)], sink, new PipelineOptions { Partitions = 4, BatchSize = 7 }))
        {
            for (int i = 0; i < 10_000; i++) await pipeline.WriteAsync(Event(i, $"10.0.0.{i % 100}", seconds: i));
            await pipeline.CompleteAsync();
        }

        owners.Count.ShouldBe(100);
        owners.Values.ShouldAllBe(bag => bag.Distinct().Count() == 1);
        owners.Values.Select(b => b.First()).Distinct().Count().ShouldBeGreaterThan(1, "keys should spread over partitions");
        sink.Findings.Count.ShouldBe(100, "each key reaches the threshold exactly once: no event lost or repeated");
    }

    [Fact]
    public async Task Observe_DetectorThrows_IsReportedAndOthersKeepWorking()
    {
        var owners = new ConcurrentDictionary<string, ConcurrentBag<int>>();
        var sink = new ListSink();
        var pipeline = new DetectionPipeline([() => new ThrowingDetector(), () => new CountingDetector(3, owners)], sink, new PipelineOptions { Partitions = 2 });
        await pipeline.WriteAsync(Event(1, "10.0.0.1", "/boom"));
        await pipeline.WriteAsync(Event(2, "10.0.0.1"));
        await pipeline.WriteAsync(Event(3, "10.0.0.1", "/boom"));
        await pipeline.CompleteAsync();

        pipeline.Faults.Count.ShouldBe(2);
        pipeline.Faults.ShouldAllBe(f => f.Detector == "throwing" && f.Error.Contains("boom"));
        pipeline.Faults.Select(f => f.EventId).ShouldBe(["e1", "e3"], ignoreOrder: true);
        sink.Findings.ShouldHaveSingleItem().RuleId.ShouldBe("TEST-001");
    }

    [Fact]
    public async Task Observe_DetectorKeepsThrowing_IsSwitchedOffAfterTheLimit()
    {
        var pipeline = new DetectionPipeline([() => new ThrowingDetector()], new ListSink(), new PipelineOptions { Partitions = 1, MaxFaultsPerDetector = 5 });
        for (int i = 0; i < 50; i++) await pipeline.WriteAsync(Event(i, "10.0.0.1", "/boom"));
        await pipeline.CompleteAsync();

        pipeline.Faults.Count.ShouldBe(5);
        pipeline.Faults.Last().Error.ShouldContain("switched off");
    }

    [Fact]
    public async Task FlushAsync_ReturnsAfterEarlierEventsReachedTheSink()
    {
        var owners = new ConcurrentDictionary<string, ConcurrentBag<int>>();
        var sink = new ConcurrentBagSink();
        var pipeline = new DetectionPipeline([() => new CountingDetector(1, owners)], sink, new PipelineOptions { Partitions = 2 });
        for (int i = 0; i < 500; i++) await pipeline.WriteAsync(Event(i, $"10.1.{i / 256}.{i % 256}"));
        await pipeline.FlushAsync();

        sink.Count.ShouldBe(500);
        await pipeline.CompleteAsync();
    }

    [Fact]
    public async Task Advance_FollowsEventTimeNotTheWallClock()
    {
        var advances = new ConcurrentBag<DateTimeOffset>();
        var pipeline = new DetectionPipeline([() => new ClockDetector(advances)], new ListSink(), new PipelineOptions { Partitions = 1, AdvanceInterval = TimeSpan.FromMinutes(1) });
        // Ten minutes of event time, written in a few milliseconds.
        for (int i = 0; i <= 600; i += 10) await pipeline.WriteAsync(Event(i, "10.0.0.1", seconds: i));
        await pipeline.CompleteAsync();

        var times = advances.OrderBy(t => t).ToList();
        times.Count.ShouldBe(11, "once per minute of event time, plus once at the end");
        times[0].ShouldBe(T0.AddMinutes(1));
        times[^1].ShouldBe(T0.AddMinutes(10));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new DetectionPipeline([], new ListSink(), new PipelineOptions { Partitions = 0 }));

    private sealed class ConcurrentBagSink : IFindingSink
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Emit(Ensuresec.Core.Findings.Finding finding) => Interlocked.Increment(ref _count);
    }
}
