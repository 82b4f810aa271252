using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Response.Library;
using Ensuresec.Response.Mitigations;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Response.Tests.Mitigations;

public sealed class MitigationRankerTests
{
    [Fact]
    public void Stuffing_SuggestsLockAndBlockFirst_TriageLast_EachWithReasonAndEffect()
    {
        var ranked = MitigationRanker.Rank(TestIncidents.Stuffing(), PlaybookLibrary.Default);
        ranked.Take(2).Select(m => m.EntryId).ShouldBe(["lock-account", "block-address"]);
        ranked[^1].EntryId.ShouldBe("triage-incident");
        ranked.First(m => m.EntryId == "block-address").Inputs["__address__"].ShouldBe("203.0.113.7");
        ranked.First(m => m.EntryId == "lock-account").Inputs["__account__"].ShouldBe("alice");
        ranked.ShouldAllBe(m => m.Reason.Length > 0 && m.ExpectedEffect.Length > 0);
        ranked.ShouldNotContain(m => m.EntryId == "quarantine-batch" || m.EntryId == "revoke-refund-right");
    }

    [Fact]
    public void ColdChain_SuggestsQuarantineOfTheBatch()
    {
        var incident = TestIncidents.Make("inc-cold", Severity.High, [new Entity("shipment.batch", "LOT-42")], ("ES-COLD-001", Severity.High));
        var top = MitigationRanker.Rank(incident, PlaybookLibrary.Default)[0];
        top.EntryId.ShouldBe("quarantine-batch");
        top.Inputs["__batch__"].ShouldBe("LOT-42");
    }

    [Fact]
    public void IncidentWithoutTheEntity_DoesNotGetTheTargetedMitigation()
    {
        var incident = TestIncidents.Make("inc-atm", Severity.High, [Entity.Card("fp-1")], ("ES-ATM-001", Severity.High));
        var ranked = MitigationRanker.Rank(incident, PlaybookLibrary.Default);
        ranked.ShouldNotContain(m => m.EntryId == "disable-atm");
        ranked.ShouldContain(m => m.EntryId == "block-card-range");
    }

    [Fact]
    public void SeveralTargets_KeepTheIncidentsEntityOrder_MainActorFirst()
    {
        var incident = TestIncidents.Make("inc-many", Severity.High, [Entity.Ip("198.51.100.9"), Entity.Ip("10.0.0.1"), Entity.Ip("192.0.2.1")], ("ES-WEB-001", Severity.High));
        MitigationRanker.Rank(incident, PlaybookLibrary.Default).Where(m => m.EntryId == "block-address").Select(m => m.Target!.Value.Value)
            .ShouldBe(["198.51.100.9", "10.0.0.1", "192.0.2.1"]);
    }

    [Fact]
    public void Ids_AreDeterministic()
    {
        var a = MitigationRanker.Rank(TestIncidents.Stuffing(), PlaybookLibrary.Default).Select(m => m.Id).ToList();
        var b = MitigationRanker.Rank(TestIncidents.Stuffing(), PlaybookLibrary.Default).Select(m => m.Id).ToList();
        a.ShouldBe(b);
        a.Distinct().Count().ShouldBe(a.Count);
    }

    [Fact]
    public void Ranking_IsSortedAndScoresStayInUnitInterval_ForAnyIncident()
    {
        string[] rules = ["ES-WEB-001", "ES-AUTH-002", "ES-ATO-001", "ES-PAY-003", "ES-COLD-002", "ES-ATM-001", "ES-REFUND-001", "ES-X-1"];
        string[] kinds = [EntityKinds.SourceIp, EntityKinds.UserName, EntityKinds.Card, "atm.id", "shipment.id", "user.email"];
        var gen =
            from stepCount in Gen.Choose(1, 6)
            from ruleIdx in Gen.ListOf(Gen.Choose(0, rules.Length - 1), stepCount)
            from sev in Gen.ListOf(Gen.Choose(0, 4), stepCount)
            from kindIdx in Gen.ListOf(Gen.Choose(0, kinds.Length - 1))
            select TestIncidents.Make("inc-p", Severity.High, kindIdx.Select((k, i) => new Entity(kinds[k], $"v{i}")).ToList(),
                ruleIdx.Zip(sev, (r, s) => (rules[r], (Severity)s)).ToArray());
        Prop.ForAll(gen.ToArbitrary(), incident =>
        {
            var ranked = MitigationRanker.Rank(incident, PlaybookLibrary.Default);
            return ranked.Count > 0
                && ranked.All(m => m.Score > 0 && m.Score <= 1)
                && ranked.Zip(ranked.Skip(1), (x, y) => x.Score >= y.Score).All(ok => ok);
        }).QuickCheckThrowOnFailure();
    }
}
