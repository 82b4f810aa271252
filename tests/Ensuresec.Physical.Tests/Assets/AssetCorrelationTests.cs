using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Incidents;
using Ensuresec.Physical.Assets;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Tests.Assets;

/// <summary>The correlator joining findings whose assets are chained in the asset map.</summary>
public class AssetCorrelationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly AssetMap Map = AssetMapLoader.Load(AssetMapLoaderTests.Valid, "assets.yaml", out _)!;

    private static Finding F(string id, double hours, string rule, params Entity[] entities) => new()
    {
        Id = id, Detector = "test", RuleId = rule, Severity = Severity.Medium, Confidence = 0.8, Technique = "T1657",
        Explanation = "finding " + id, FirstSeen = T0.AddHours(hours), DetectedAt = T0.AddHours(hours), Entities = entities,
        EvidenceEventIds = [id], EvidenceCount = 1,
    };

    private static List<Incident> Correlate(bool withMap, params Finding[] findings)
    {
        var c = new IncidentCorrelator(null, withMap ? new AssetMapLinks(Map) : null);
        foreach (var f in findings) c.Add(f);
        return c.Incidents.ToList();
    }

    private static readonly Entity Van = new(AssetKinds.Vehicle, "van-1");
    private static readonly Entity TempSensor = new(AssetKinds.Sensor, "temp-1");
    private static readonly Entity DoorSensor = new(AssetKinds.Sensor, "door-1");

    [Fact]
    public void SpoofedSensorOnAVan_JoinsTheVansCargoTheft_AndTheStoryShowsTheChain()
    {
        var spoof = F("spoof", 0, "ES-SNS-003", TempSensor);
        var theft = F("theft", 30, "ES-ROU-003", Van);
        Correlate(false, spoof, theft).Count.ShouldBe(2);
        var incident = Correlate(true, spoof, theft).Single();
        var step = incident.Story.Single(s => s.FindingId == "spoof");
        step.Explanation.ShouldBe("finding spoof [joined through the asset map: sensor.id temp-1 is attached to container.id box-1; container.id box-1 is carried in shipment.id shp-1; shipment.id shp-1 is carried in sensor.vehicle_id van-1]");
        incident.Story.Single(s => s.FindingId == "theft").Explanation.ShouldBe("finding theft");
    }

    [Fact]
    public void AVanFinding_JoiningALargeIncident_ShowsTheChain_OnAStepBuiltBeforeTheJoin()
    {
        // Nine findings on a van the map does not know and one that also names a sensor of van-1 make an incident whose
        // story is built before van-1's finding joins it through that sensor: the sensor's step must be rebuilt with the
        // chain, not kept as the earlier snapshot built it.
        var c = new IncidentCorrelator(null, new AssetMapLinks(Map));
        var unknownVan = new Entity(AssetKinds.Vehicle, "van-9");
        for (int i = 0; i < 9; i++) c.Add(F("door-" + i, i * 0.1, "ES-ROU-003", unknownVan));
        c.Add(F("spoof", 0.9, "ES-SNS-003", unknownVan, TempSensor))!.Story.Single(s => s.FindingId == "spoof").Explanation.ShouldBe("finding spoof");
        c.Add(F("theft", 2, "ES-ROU-003", Van));
        var incident = c.Incidents.Single();
        incident.Story.Count.ShouldBe(11);
        incident.Story.Single(s => s.FindingId == "spoof").Explanation.ShouldContain("[joined through the asset map: sensor.id temp-1 is attached to");
        incident.Story.Single(s => s.FindingId == "theft").Explanation.ShouldBe("finding theft");
    }

    [Fact]
    public void TamperOnAnAtm_JoinsABreakInAtItsBranch_InEitherOrder()
    {
        var tamper = F("tamper", 0, "ES-ATM-001", new Entity(AssetKinds.Atm, "atm-1"));
        var breakIn = F("break-in", 20, "ES-EXT-001", new Entity(AssetKinds.Site, "branch-1"));
        Correlate(true, tamper, breakIn).Single().Story.Single(s => s.FindingId == "tamper").Explanation.ShouldContain("atm.id atm-1 is at branch site.id branch-1");
        var reversed = Correlate(true, breakIn, tamper).Single();
        reversed.Id.ShouldBe(Correlate(true, tamper, breakIn).Single().Id);
    }

    [Fact]
    public void TwoSensorsOfOneVan_Join_ThroughTheirCommonVan()
    {
        Correlate(true, F("a", 0, "ES-SNS-003", TempSensor), F("b", 10, "ES-SNS-002", DoorSensor)).Count.ShouldBe(1);
    }

    [Fact]
    public void ACardsFinding_JoinsItsAccountsFinding_WithinTheAssetGap()
    {
        Correlate(true, F("card", 0, "ES-ATM-002", Entity.Card("card-1")), F("login", 40, "ES-ATO-001", Entity.User("alice"))).Count.ShouldBe(1);
    }

    [Fact]
    public void UnlinkedAssets_WithinTheWindow_StaySeparate()
    {
        // atm-2 shares branch-1 with atm-1, but van-1 and the unknown van-9 are chained to nothing in common.
        Correlate(true, F("a", 0, "ES-SNS-003", TempSensor), F("b", 1, "ES-ROU-003", new Entity(AssetKinds.Vehicle, "van-9"))).Count.ShouldBe(2);
        Correlate(true, F("a", 0, "ES-ATM-001", new Entity(AssetKinds.Atm, "atm-1")), F("b", 1, "ES-ROU-003", Van)).Count.ShouldBe(2);
    }

    [Fact]
    public void LinkedAssets_OutsideTheWindow_StaySeparate()
    {
        double gap = new CorrelatorOptions().AssetGap.TotalHours;
        Correlate(true, F("a", 0, "ES-SNS-003", TempSensor), F("b", gap + 0.5, "ES-ROU-003", Van)).Count.ShouldBe(2);
        Correlate(true, F("a", 0, "ES-SNS-003", TempSensor), F("b", gap - 0.5, "ES-ROU-003", Van)).Count.ShouldBe(1);
    }

    [Fact]
    public void TwoFindingsNamingAnAccountDirectly_AreNotWidenedToTheAssetGapByTheMap()
    {
        // alice owns card-1 in the map, but two findings on alice 5 h apart are the ordinary 1 h actor join: apart.
        Correlate(true, F("a", 0, "ES-ATO-001", Entity.User("alice")), F("b", 5, "ES-ATO-001", Entity.User("alice"))).Count.ShouldBe(2);
    }

    [Fact]
    public void Grouping_DoesNotDependOnArrivalOrder()
    {
        var findings = new[]
        {
            F("a", 0, "ES-SNS-003", TempSensor), F("b", 20, "ES-ROU-003", Van), F("c", 50, "ES-SNS-002", DoorSensor),
            F("d", 3, "ES-ATM-001", new Entity(AssetKinds.Atm, "atm-2")), F("e", 60, "ES-EXT-001", new Entity(AssetKinds.Site, "branch-1")),
            F("f", 200, "ES-ROU-003", Van),
        };
        var expected = Correlate(true, findings).Select(i => string.Join(",", i.FindingIds.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal).ToList();
        var rng = new Random(3);
        for (int i = 0; i < 20; i++)
        {
            var shuffled = findings.OrderBy(_ => rng.Next()).ToArray();
            Correlate(true, shuffled).Select(x => string.Join(",", x.FindingIds.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal).ShouldBe(expected);
        }

        expected.Count.ShouldBe(3); // a,b,c (van-1 chain); d,e (branch-1, 57 h apart); f alone (150 h after c)
    }
}
