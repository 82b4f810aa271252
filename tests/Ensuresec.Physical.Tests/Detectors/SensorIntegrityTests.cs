using Ensuresec.Core.Events;
using Ensuresec.Physical.Sensors;
using Ensuresec.Physical.Tests.Support;

namespace Ensuresec.Physical.Tests.Detectors;

public class SensorIntegrityTests
{
    private static readonly DateTimeOffset T0 = Run.T0;

    private static List<Ensuresec.Core.Findings.Finding> Detect(IEnumerable<SecurityEvent> events) =>
        Run.Direct(new SensorIntegrityDetector(new SensorIntegrityOptions()), events);

    [Fact]
    public void Jump_FasterThanAVehicle_IsImpossibleMovement_GpsNoiseIsNot()
    {
        var ev = new Ev();
        var rng = new Random(3);
        var events = Enumerable.Range(0, 30).Select(i => ev.Gps(T0.AddSeconds(i * 10), 48 + rng.NextDouble() * 0.0005, 11 + rng.NextDouble() * 0.0005)).ToList();
        Detect(events).ShouldBeEmpty();
        events.Add(ev.Gps(T0.AddSeconds(310), 48.5, 11)); // 55 km in 10 s
        var f = Detect(events).Single();
        f.RuleId.ShouldBe(SensorIntegrityDetector.SpeedRule);
        f.Explanation.ShouldContain("km/h");
    }

    [Fact]
    public void FrozenValue_IsReported_JitteringValueIsNot()
    {
        var ev = new Ev();
        var rng = new Random(5);
        var live = Enumerable.Range(0, 200).Select(i => ev.Temp(T0.AddMinutes(i), Math.Round(5 + rng.NextDouble() * 0.3, 2))).ToList();
        Detect(live).ShouldBeEmpty();
        var frozen = Enumerable.Range(0, 200).Select(i => ev.Temp(T0.AddMinutes(i), 4.5, sensor: "t2")).ToList();
        Detect(frozen).Single().RuleId.ShouldBe(SensorIntegrityDetector.FrozenRule);
    }

    [Fact]
    public void ReplayedSequence_IsReported()
    {
        var ev = new Ev();
        var rng = new Random(11);
        var recorded = Enumerable.Range(0, 30).Select(_ => Math.Round(4 + rng.NextDouble() * 2, 2)).ToList();
        var events = recorded.Select((v, i) => ev.Temp(T0.AddMinutes(i), v)).ToList();
        events.AddRange(Enumerable.Range(30, 60).Select(i => ev.Temp(T0.AddMinutes(i), Math.Round(4 + rng.NextDouble() * 2, 2))));
        Detect(events).ShouldBeEmpty();
        events.AddRange(recorded.Select((v, i) => ev.Temp(T0.AddMinutes(90 + i), v)));
        Detect(events).Single().RuleId.ShouldBe(SensorIntegrityDetector.ReplayRule);
    }

    [Fact]
    public void ClockBackwards_WithSequenceForward_IsProven_ALateDeliveryIsNot()
    {
        var ev = new Ev();
        var events = new List<SecurityEvent> { ev.Gps(T0, 48, 11, seq: 1), ev.Gps(T0.AddMinutes(1), 48, 11, seq: 2) };
        events.Add(ev.Gps(T0.AddSeconds(30), 48, 11, seq: 1)); // late delivery of an older reading
        Detect(events).ShouldBeEmpty();
        events.Add(ev.Gps(T0.AddMinutes(-30), 48, 11, seq: 3));
        var f = Detect(events).Single();
        f.RuleId.ShouldBe(SensorIntegrityDetector.ClockRule);
        f.Severity.ShouldBe(Severity.Medium);
        f.Explanation.ShouldContain("sequence number went forward");
    }

    [Fact]
    public void ExactDuplicates_AreDroppedSilently()
    {
        var ev = new Ev();
        var e = ev.Gps(T0, 48, 11, seq: 1);
        Detect([e, e with { Id = "resend" }, e]).ShouldBeEmpty();
    }

    [Fact]
    public void InvalidReadings_AreReportedOncePerDay_WithTheReason()
    {
        var ev = new Ev();
        var events = Enumerable.Range(0, 10).Select(i => ev.Temp(T0.AddMinutes(i), 5, unit: null)).ToList();
        events.Add(ev.Temp(T0.AddDays(1.5), 500));
        var findings = Detect(events);
        findings.Count.ShouldBe(2);
        findings.ShouldAllBe(f => f.RuleId == SensorIntegrityDetector.InvalidRule);
        findings[0].Explanation.ShouldContain("sensor.unit: missing");
        findings[1].Explanation.ShouldContain("outside the physical range");
    }

    [Fact]
    public void GarbageReadings_NeverThrow()
    {
        string[] lines =
        [
            """{"@timestamp":"2026-03-02T06:00:00Z","event.action":"sensor-reading"}""",
            """{"@timestamp":"2026-03-02T06:00:00Z","event.action":"sensor-reading","sensor":{"id":7,"type":["gps"],"value":{"a":1}}}""",
            """{"@timestamp":"2026-03-02T06:00:00Z","event.action":"sensor-reading","sensor.id":"x","sensor.type":"gps","observer.geo.location":{"lat":"1e999","lon":null}}""",
            """{"@timestamp":"2026-03-02T06:00:00Z","event.action":"sensor-reading","sensor.id":"x","sensor.type":"temperature","sensor.value":"NaN","sensor.unit":"C","sensor.sequence":-5}""",
        ];
        var findings = Detect(lines.Select(Run.Parse));
        findings.ShouldAllBe(f => f.RuleId == SensorIntegrityDetector.InvalidRule);
        findings.Count.ShouldBe(2); // the id-less ones together, and sensor x
    }
}
