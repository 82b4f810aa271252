using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Physical.Assets;
using Ensuresec.Physical.Atm;
using Ensuresec.Physical.Routes;
using Ensuresec.Physical.Telemetry;
using Ensuresec.Physical.Tests.Support;

namespace Ensuresec.Physical.Tests.Assets;

/// <summary>The detectors judging against the asset map where no route plan is known.</summary>
public class AssetJudgementTests
{
    private static readonly DateTimeOffset T0 = Run.T0;

    private static readonly AssetMap Map = AssetMapLoader.Load(AssetMapLoaderTests.Valid, "assets.yaml", out _)!;

    private static List<Finding> Route(IEnumerable<SecurityEvent> events, AssetMap? map = null) =>
        Run.Direct(new RouteMonitorDetector(new RouteMonitorOptions(), map ?? Map), events);

    [Fact]
    public void DoorWithoutAPlan_AwayFromEveryDepotAndDeliveryPoint_IsCargoTheft()
    {
        var ev = new Ev();
        // ~2.2 km north of the depot, no plan sent for van-1.
        var f = Route([ev.Gps(T0, 48.02, 11.0, vehicle: "van-1"), ev.Door(T0.AddSeconds(20), open: true, vehicle: "van-1", sensor: "door-1")]).Single();
        f.RuleId.ShouldBe(RouteMonitorDetector.DoorRule);
        f.Explanation.ShouldContain("with no route plan");
        f.Explanation.ShouldContain("depot depot-1");
        f.Explanation.ShouldContain("its home depot depot-1 is 2.22 km away");
        f.Entities.ShouldContain(new Entity(AssetKinds.Vehicle, "van-1"));
    }

    [Fact]
    public void DoorWithoutAPlan_AtADepotOrDeliveryPoint_IsNotJudged_NorWithoutAMap()
    {
        var ev = new Ev();
        // 200 m from the delivery point (radius 250) and 280 m from the depot (radius 300).
        Route([ev.Gps(T0, 48.0018, 11.1, vehicle: "van-1"), ev.Door(T0.AddSeconds(20), true, "van-1")]).ShouldBeEmpty();
        Route([ev.Gps(T0.AddHours(1), 48.0025, 11.0, vehicle: "van-1"), ev.Door(T0.AddHours(1).AddSeconds(20), true, "van-1")]).ShouldBeEmpty();
        Route([ev.Gps(T0, 48.02, 11.0, vehicle: "van-1"), ev.Door(T0.AddSeconds(20), true, "van-1")], AssetMap.Empty).ShouldBeEmpty();
    }

    [Fact]
    public void DoorWithAPlan_IsStillJudgedAgainstThePlanOnly()
    {
        var ev = new Ev();
        // The delivery point of the map is not a stop of this plan: a door there is away from the plan's places.
        var plan = ev.Plan(T0.AddMinutes(-5), [GeoPoint.Of(47.9, 11.0), GeoPoint.Of(47.9, 11.1), GeoPoint.Of(48.0, 11.1)], vehicle: "van-1");
        var findings = Route([plan, ev.Gps(T0, 47.95, 11.1, vehicle: "van-1"), ev.Door(T0.AddSeconds(20), true, "van-1")]);
        findings.Single().Explanation.ShouldContain("planned stop of route R1");
    }

    [Fact]
    public void DoorPlacedByAMovingVansLastFix_IsJudgedAtTheNextFix()
    {
        var ev = new Ev();
        // Leaving the depot north at ~8 m/s; a door opens 60 s after the last fix, which is 200 m outside the depot's
        // radius but 500 m uncertain: not judged yet. The next fix, taken as the van stands, places it 1.2 km outside.
        var events = new List<SecurityEvent>
        {
            ev.Gps(T0, 48.0, 11.0, vehicle: "van-1"),
            ev.Gps(T0.AddMinutes(1), 48.0045, 11.0, vehicle: "van-1"),
            ev.Door(T0.AddMinutes(2), true, "van-1"),
        };
        Route(events).ShouldBeEmpty();
        Route([.. events, ev.Gps(T0.AddMinutes(5), 48.0135, 11.0, vehicle: "van-1")]).ShouldBeEmpty(); // too late to place it
        events.Add(ev.Gps(T0.AddMinutes(2), 48.0135, 11.0, vehicle: "van-1"));
        Route(events).Single().RuleId.ShouldBe(RouteMonitorDetector.DoorRule);
    }

    [Fact]
    public void SensorsTheMapAttachesToAVehicle_CountForIt_WithoutAVehicleIdInTheEvent()
    {
        var ev = new Ev();
        var gps = TelemetryEvent.Create("g1", T0, EventActions.SensorReading, ("sensor.id", "gps-x"), ("sensor.type", "gps"), ("observer.geo.location", TelemetryEvent.Point(48.02, 11.0)));
        var door = TelemetryEvent.Create("d1", T0.AddSeconds(30), EventActions.SensorReading, ("sensor.id", "door-1"), ("sensor.type", "door"), ("sensor.value", "open"),
            ("observer.geo.location", TelemetryEvent.Point(48.02, 11.0)));
        var f = Route([gps, door]).Single();
        f.Entities.ShouldContain(new Entity(AssetKinds.Vehicle, "van-1"));
    }

    [Fact]
    public void AtmFindings_NameTheBranch_AndMapAttachedSensorsCount()
    {
        var ev = new Ev();
        var detector = new AtmSkimmingDetector(new AtmSkimmingOptions(), Map);
        // The tamper reading names only its sensor: the map says it is atm-1's, at branch-1.
        var tamper = TelemetryEvent.Create("x1", T0, EventActions.SensorReading, ("sensor.id", "atm-1-tamper"), ("sensor.type", "tamper"), ("sensor.value", "tampered"));
        var findings = Run.Direct(detector, [tamper, ev.AtmRead(T0.AddHours(1), "atm-1", "card-9", "bob"), ev.Payment(T0.AddHours(5), "card-9", "203.0.113.9", "mule")]);
        findings.Count.ShouldBe(2);
        findings[0].Explanation.ShouldStartWith("ATM atm-1 at branch branch-1 (Mitte):");
        findings[0].Entities.ShouldContain(new Entity(AssetKinds.Site, "branch-1"));
        findings[1].Explanation.ShouldContain("read at ATM atm-1 at branch branch-1");
        findings[1].Entities.ShouldContain(new Entity(AssetKinds.Site, "branch-1"));
        Run.Direct(new AtmSkimmingDetector(new AtmSkimmingOptions()), [tamper]).ShouldBeEmpty();
    }
}
