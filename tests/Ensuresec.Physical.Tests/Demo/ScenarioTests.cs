using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Demo.Running;
using Ensuresec.Demo.Scenario;
using Ensuresec.Detection;
using Ensuresec.Detection.Incidents;

namespace Ensuresec.Physical.Tests.Demo;

public class ScenarioTests
{
    private static Task<DemoRun> RunAsync(string name, int seed, bool benignOnly = false, bool withMap = true)
    {
        var scenario = DemoScenarios.Generate(name, seed, benignOnly: benignOnly);
        return DemoRunner.RunAsync(withMap ? scenario : scenario with { Assets = null }, DetectorCatalog.Create(new DetectionOptions(), withMap ? scenario.Assets : null));
    }

    [Fact]
    public async Task Pharmacy_CargoTheftByAVanWithNoPlan_IsCaughtOnlyWithTheAssetMap()
    {
        var run = await RunAsync(DemoScenarios.Pharmacy, 1);
        var noPlan = run.Score.Attacks.Single(a => a.Attack.Parameters.Any(p => p.Value.Contains("no route plan", StringComparison.Ordinal)));
        noPlan.Detected.ShouldBeTrue();
        run.Findings.ShouldContain(f => f.RuleId == "ES-ROU-003" && f.Explanation.Contains("with no route plan", StringComparison.Ordinal));

        var blind = await RunAsync(DemoScenarios.Pharmacy, 1, withMap: false);
        blind.Score.Attacks.Single(a => a.Attack.Id == noPlan.Attack.Id).Detected.ShouldBeFalse();
    }

    [Fact]
    public async Task Bank_AtmFindings_NameTheBranchOfTheAssetMap()
    {
        var scenario = DemoScenarios.Generate(DemoScenarios.Bank, 1);
        scenario.AssetMapYaml.ShouldNotBeNull();
        var run = await RunAsync(DemoScenarios.Bank, 1);
        var tamper = run.Findings.First(f => f.RuleId == "ES-ATM-001");
        tamper.Explanation.ShouldContain(" at branch branch-");
        tamper.Entities.ShouldContain(e => e.Kind == "site.id");
    }

    [Fact]
    public async Task Pharmacy_Seed1_EveryAttackDetected_NoFalseIncident()
    {
        var run = await RunAsync(DemoScenarios.Pharmacy, 1);
        run.Faults.ShouldBeEmpty();
        run.Score.Attacks.Select(a => a.Attack.Kind).ShouldBe(
            [AttackKind.ColdChainBreak, AttackKind.RouteDeviation, AttackKind.CargoTheft, AttackKind.SealSwap, AttackKind.CourierTheft, AttackKind.SensorSpoofing, AttackKind.CargoTheft, AttackKind.ClaimFraud]);
        run.Score.Attacks.Where(a => !a.Detected).Select(a => a.Attack.Id).ShouldBeEmpty();
        run.Score.BenignIncidents.ShouldBe(0);
    }

    [Theory]
    [InlineData("pharmacy")]
    [InlineData("bank")]
    public async Task BenignWeek_RaisesNoFinding(string name)
    {
        var run = await RunAsync(name, 2, benignOnly: true);
        run.Truth.Attacks.ShouldBeEmpty();
        run.Findings.Select(f => f.Explanation).ShouldBeEmpty();
    }

    [Fact]
    public async Task Bank_Seed1_SkimmingAndCardFraud_AreOneIncident_InsiderCaughtByTheInsiderRules()
    {
        var run = await RunAsync(DemoScenarios.Bank, 1);
        run.Score.BenignIncidents.ShouldBe(0);
        var byKind = run.Score.Attacks.ToDictionary(a => a.Attack.Kind);
        byKind[AttackKind.AtmSkimming].Detected.ShouldBeTrue();
        byKind[AttackKind.CardNotPresent].Detected.ShouldBeTrue();
        var insider = byKind[AttackKind.InsiderRefund];
        insider.Attack.ExpectedRules.ShouldBe("ES-INS-");
        insider.Detected.ShouldBeTrue();
        insider.Detectors.ShouldContain("insider-fraud");
        // An ES-INS finding names the approving staff member or a card the insider controls.
        run.Findings.ShouldContain(f => f.RuleId.StartsWith("ES-INS-", StringComparison.Ordinal) &&
            f.Entities.Any(e => insider.Attack.Accounts.Contains(e.Value) || insider.Attack.Cards.Contains(e.Value)));

        var correlator = new IncidentCorrelator();
        foreach (var f in run.Findings) correlator.Add(f);
        var incident = correlator.Incidents.Single(i => i.Story.Any(s => s.RuleId == "ES-ATM-001"));
        incident.Story.ShouldContain(s => s.RuleId == "ES-ATM-002");
        // The online fraud's addresses and cards are in the same incident as the ATM, though no single key joins them.
        var cnp = byKind[AttackKind.CardNotPresent].Attack;
        incident.Entities.ShouldContain(e => e.Kind == EntityKinds.Card && cnp.Cards.Contains(e.Value));
        incident.Entities.ShouldContain(e => e.Kind == "atm.id");
    }

    [Fact]
    public void Bank_InsiderRefunds_FollowTheRefundContract()
    {
        var scenario = DemoScenarios.Generate(DemoScenarios.Bank, 3);
        var insider = scenario.Truth.Attacks.Single(a => a.Kind == AttackKind.InsiderRefund);
        var refunds = scenario.Events.Where(e => e.Action == EventActions.Refund && e.GetString("refund.approver") == insider.Accounts[0]).ToList();
        refunds.ShouldNotBeEmpty();
        var payments = scenario.Events.Where(e => e.Action == EventActions.PaymentAttempt).ToDictionary(e => e.GetString("payment.id")!, e => e);
        foreach (var r in refunds.Where(r => insider.Cards.Contains(r.GetString("refund.destination")!)))
        {
            r.UserName.ShouldNotBeNull();
            r.GetString("refund.requester").ShouldBe(r.UserName);
            r.GetDecimal("refund.amount").ShouldNotBeNull();
            r.GetString("refund.currency").ShouldBe("EUR");
            r.GetString("refund.id").ShouldNotBeNull();
            var paid = payments[r.GetString("refund.payment_id")!];
            paid.UserName.ShouldBe(r.UserName);
            paid.GetString("order.id").ShouldBe(r.GetString("order.id"));
            paid.CardFingerprint.ShouldNotBe(r.GetString("refund.destination"));
        }
    }

    [Theory]
    [InlineData("pharmacy")]
    [InlineData("bank")]
    public void SameSeed_SameEvents(string name)
    {
        var a = DemoScenarios.Generate(name, 7).Events.ToList();
        var b = DemoScenarios.Generate(name, 7).Events.ToList();
        a.Count.ShouldBe(b.Count);
        a.Select(e => (e.Id, e.Timestamp)).ShouldBe(b.Select(e => (e.Id, e.Timestamp)));
        a.Select(e => e.Id).Distinct().Count().ShouldBe(a.Count);
        a.Zip(a.Skip(1)).ShouldAllBe(p => p.First.Timestamp <= p.Second.Timestamp);
    }
}
