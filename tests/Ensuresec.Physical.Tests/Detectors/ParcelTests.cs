using Ensuresec.Core.Events;
using Ensuresec.Physical.Parcels;
using Ensuresec.Physical.Telemetry;
using Ensuresec.Physical.Tests.Support;

namespace Ensuresec.Physical.Tests.Detectors;

public class ParcelTests
{
    private static readonly DateTimeOffset T0 = Run.T0;
    private static readonly GeoPoint Depot = GeoPoint.Of(48.0, 11.0);
    private static readonly GeoPoint Home = GeoPoint.Of(48.05, 11.1);

    private static List<Ensuresec.Core.Findings.Finding> Custody(IEnumerable<SecurityEvent> events) =>
        Run.Direct(new ParcelCustodyDetector(new ParcelCustodyOptions()), events);

    [Fact]
    public void SealChangedBetweenScans_IsReported()
    {
        var ev = new Ev();
        var f = Custody([ev.Scan(T0, "P1", "picked-up", "c1", Depot, Home, "seal-A"), ev.Scan(T0.AddHours(2), "P1", "hub", "c1", Depot, Home, "seal-B"),
            ev.Scan(T0.AddHours(3), "P1", "out-for-delivery", "c1", Depot, Home, seal: null)]).Single();
        f.RuleId.ShouldBe(ParcelCustodyDetector.SealRule);
        f.Explanation.ShouldContain("from seal-A to seal-B");
        f.EvidenceEventIds.Count.ShouldBe(2);
    }

    [Fact]
    public void DeliveryScannedFarFromTheAddress_IsReported_GpsNoiseIsNot()
    {
        var ev = new Ev();
        Custody([ev.Scan(T0, "P1", "delivered", "c1", GeoPoint.Of(48.0505, 11.1005), Home)]).ShouldBeEmpty();
        var f = Custody([ev.Scan(T0, "P2", "delivered", "c1", GeoPoint.Of(48.06, 11.1), Home)]).Single();
        f.RuleId.ShouldBe(ParcelCustodyDetector.PodRule);
        f.Entities[0].ShouldBe(Ensuresec.Core.Findings.Entity.User("c1"));
    }

    [Fact]
    public void Claim_AgainstADeliveryAtTheDoor_IsContradicted_ALostParcelIsNot()
    {
        var ev = new Ev();
        var findings = Custody([
            ev.Scan(T0, "P1", "delivered", "c1", Home, Home), ev.Claim(T0.AddDays(1), "P1", "alice", "c1"),
            ev.Scan(T0, "P2", "hub", "c1", Depot, Home), ev.Claim(T0.AddDays(2), "P2", "bob", "c1"),
        ]);
        var f = findings.Single();
        f.RuleId.ShouldBe(ParcelCustodyDetector.ClaimRule);
        f.Entities[0].ShouldBe(Ensuresec.Core.Findings.Entity.User("alice"));
    }

    [Fact]
    public void ScanOutsideTheEarth_IsReported_AndTheParcelStillTracked()
    {
        var ev = new Ev();
        var bad = TelemetryEvent.Create("bad", T0, EventActions.ShipmentScan, ("parcel.id", "P1"), ("shipment.status", "hub"),
            ("parcel.seal_id", "s1"), ("observer.geo.location", TelemetryEvent.Point(12, 999)));
        var findings = Custody([bad, ev.Scan(T0.AddHours(1), "P1", "hub", "c1", Depot, Home, "s2")]);
        findings.Select(f => f.RuleId).ShouldBe([ParcelCustodyDetector.BadScanRule, ParcelCustodyDetector.SealRule]);
        findings[0].Explanation.ShouldContain("lon 999 is outside");
    }

    [Fact]
    public void Courier_WithManyClaims_HasAnUnusualLossRate_OneLostParcelIsNormal()
    {
        var ev = new Ev();
        var events = new List<SecurityEvent>();
        for (int i = 0; i < 100; i++) events.Add(ev.Scan(T0.AddMinutes(i * 30), $"P{i}", "delivered", i < 50 ? "c1" : "c2", Home, Home, route: i < 50 ? "R1" : "R2"));
        events.Add(ev.Claim(T0.AddDays(3), "P60", "dan", "c2", "R2"));
        var detector = new DeliveryClaimsDetector(new DeliveryClaimsOptions());
        Run.Direct(detector, events).ShouldBeEmpty();
        events.AddRange([ev.Claim(T0.AddDays(3.1), "P1", "x1", "c1"), ev.Claim(T0.AddDays(3.2), "P2", "x2", "c1"), ev.Claim(T0.AddDays(3.3), "P3", "x3", "c1")]);
        var findings = Run.Direct(new DeliveryClaimsDetector(new DeliveryClaimsOptions()), events);
        findings.Select(f => f.RuleId).Order().ShouldBe([DeliveryClaimsDetector.CourierRule, DeliveryClaimsDetector.RouteRule]);
        findings.Single(f => f.RuleId == DeliveryClaimsDetector.CourierRule).Explanation.ShouldContain("courier c1: 3 non-delivery claims for 50 deliveries");
    }

    [Fact]
    public void Customer_WithRepeatedClaims_IsReported()
    {
        var ev = new Ev();
        var f = Run.Direct(new DeliveryClaimsDetector(new DeliveryClaimsOptions()), [ev.Claim(T0, "P1", "eve", "c1"), ev.Claim(T0.AddDays(2), "P2", "eve", "c2")]).Single();
        f.RuleId.ShouldBe(DeliveryClaimsDetector.CustomerRule);
        f.Entities.ShouldContain(Ensuresec.Core.Findings.Entity.User("eve"));
    }
}
