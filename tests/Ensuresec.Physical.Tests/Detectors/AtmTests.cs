using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection;
using Ensuresec.Detection.Incidents;
using Ensuresec.Physical.Atm;
using Ensuresec.Physical.Tests.Support;

namespace Ensuresec.Physical.Tests.Detectors;

public class AtmTests
{
    private static readonly DateTimeOffset T0 = Run.T0;

    private static List<SecurityEvent> SkimmingThenOnlineUse(Ev ev) =>
    [
        ev.AtmRead(T0.AddMinutes(-30), "atm-7", "card-before"), // read before the skimmer: not exposed
        ev.AtmSensor(T0, "atm-7", "tamper", JsonValue.Create(true)),
        ev.AtmRead(T0.AddHours(2), "atm-7", "card-1"),
        ev.AtmRead(T0.AddHours(3), "atm-7", "card-2"),
        ev.Payment(T0.AddDays(1), "card-before", "198.51.100.1", "owner"),
        ev.Payment(T0.AddDays(2), "card-1", "203.0.113.9", "mule-1"),
        ev.Payment(T0.AddDays(2.1), "card-1", "203.0.113.9", "mule-1"),
        ev.AtmRead(T0.AddDays(2.5), "atm-99", "card-2"),
    ];

    [Fact]
    public void CardsReadAtATamperedAtm_UsedElsewhere_AreReportedOnceEach()
    {
        var findings = Run.Direct(new AtmSkimmingDetector(new AtmSkimmingOptions()), SkimmingThenOnlineUse(new Ev()));
        findings.Select(f => f.RuleId).ShouldBe([AtmSkimmingDetector.TamperRule, AtmSkimmingDetector.CardUseRule, AtmSkimmingDetector.CardUseRule]);
        findings[0].Technique.ShouldBe("T1200");
        var online = findings[1];
        online.Entities.ShouldBe([Entity.Card("card-1"), new Entity("atm.id", "atm-7"), Entity.Ip("203.0.113.9"), Entity.User("mule-1")]);
        online.Explanation.ShouldContain("card-not-present from 203.0.113.9");
        findings[2].Explanation.ShouldContain("at another ATM, atm-99");
    }

    [Fact]
    public void TheCardholder_UsingTheirOwnExposedCard_IsNotFraud()
    {
        var ev = new Ev();
        var findings = Run.Direct(new AtmSkimmingDetector(new AtmSkimmingOptions()),
        [
            ev.AtmSensor(T0, "atm-7", "tamper", JsonValue.Create(true)),
            ev.AtmRead(T0.AddHours(1), "atm-7", "card-1", holder: "alice"),
            ev.Payment(T0.AddDays(1), "card-1", "198.51.100.1", "alice"),
            ev.Payment(T0.AddDays(2), "card-1", "203.0.113.9", "mule"),
        ]);
        findings.Select(f => f.RuleId).ShouldBe([AtmSkimmingDetector.TamperRule, AtmSkimmingDetector.CardUseRule]);
        findings[1].Entities.ShouldContain(Entity.User("mule"));
    }

    [Fact]
    public void DoorOpenedDuringAService_AndSingleVibrations_AreNotTampering()
    {
        var ev = new Ev();
        var events = new List<SecurityEvent>
        {
            ev.AtmService(T0, "atm-1"),
            ev.AtmSensor(T0.AddMinutes(10), "atm-1", "door", JsonValue.Create("open")),
            ev.AtmSensor(T0.AddHours(5), "atm-1", "vibration", JsonValue.Create(2.5), "g"),
            ev.AtmSensor(T0.AddHours(6), "atm-1", "vibration", JsonValue.Create(2.5), "g"),
            ev.AtmRead(T0.AddHours(7), "atm-1", "card-1"),
            ev.Payment(T0.AddDays(1), "card-1", "198.51.100.1", "owner"),
        };
        Run.Direct(new AtmSkimmingDetector(new AtmSkimmingOptions()), events).ShouldBeEmpty();
        events.Add(ev.AtmSensor(T0.AddDays(2), "atm-1", "door", JsonValue.Create("open")));
        Run.Direct(new AtmSkimmingDetector(new AtmSkimmingOptions()), events).Single().RuleId.ShouldBe(AtmSkimmingDetector.TamperRule);
    }

    [Fact]
    public void VibrationBurst_IsSubtleTampering()
    {
        var ev = new Ev();
        var events = Enumerable.Range(0, 3).Select(i => ev.AtmSensor(T0.AddMinutes(i * 2), "atm-2", "vibration", JsonValue.Create(1.9), "g")).ToList();
        var f = Run.Direct(new AtmSkimmingDetector(new AtmSkimmingOptions()), events).Single();
        f.Severity.ShouldBe(Severity.Medium);
        f.EvidenceEventIds.Count.ShouldBe(3);
    }

    [Fact]
    public async Task TamperAndOnlineFraudDaysLater_BecomeOneIncident_ThroughThePipeline()
    {
        var ev = new Ev();
        var findings = await Run.PipelineAsync(DetectorCatalog.Create(new DetectionOptions()), SkimmingThenOnlineUse(ev));
        var correlator = new IncidentCorrelator();
        foreach (var f in findings) correlator.Add(f);
        var incident = correlator.Incidents.Single();
        incident.Story.Select(s => s.RuleId).ShouldBe(["ES-ATM-001", "ES-ATM-002", "ES-ATM-002"]);
        incident.Title.ShouldStartWith("ATM tampering then skimmed card used elsewhere");
        incident.Entities.ShouldContain(new Entity("atm.id", "atm-7"));
    }

    [Fact]
    public void AssetGap_KeepsFindingsOnTheSameVanDaysApartSeparate()
    {
        Finding Make(string id, DateTimeOffset at) => new()
        {
            Id = id, Detector = "route-monitor", RuleId = "ES-ROU-003", Severity = Severity.High, Confidence = 0.8, Technique = "T1657",
            Explanation = "x", FirstSeen = at, DetectedAt = at, Entities = [new Entity("sensor.vehicle_id", "V1")], EvidenceEventIds = [id],
        };
        var correlator = new IncidentCorrelator();
        correlator.Add(Make("a", T0));
        correlator.Add(Make("b", T0.AddDays(2)));
        correlator.Add(Make("c", T0.AddDays(10)));
        correlator.Incidents.Count.ShouldBe(2);
        correlator.Incidents[0].Title.ShouldBe("Cargo door opened away from a stop on sensor.vehicle_id V1");
    }
}
