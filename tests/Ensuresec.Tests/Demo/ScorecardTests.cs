using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Demo.Scenario;
using Ensuresec.Demo.Scoring;

namespace Ensuresec.Tests.Demo;

public sealed class ScorecardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly GroundTruth Truth = new()
    {
        Seed = 1,
        Start = T0,
        End = T0.AddDays(7),
        Attacks =
        [
            Attack("A1", AttackKind.CredentialStuffing, 10, 12, ["1.1.1.1", "2.2.2.2"], accounts: ["bob"]),
            Attack("A2", AttackKind.SearchFlood, 20, 20.5, ["3.3.3.3"], target: "/search"),
            Attack("A3", AttackKind.CardTesting, 30, 31, ["4.4.4.4"], cards: ["c1", "c2"]),
        ],
        Benign = new BenignCases
        {
            NatAddresses = [], FlashSaleStart = T0, FlashSaleEnd = T0, FlashSaleMultiplier = 1, CrawlerAddresses = [], MonitorAddresses = [],
        },
    };

    [Fact]
    public void Evaluate_FindingOnAnAttackerInTheWindow_DetectsWithTimeToDetect()
    {
        var score = Scorecard.Evaluate(Truth, [F("f1", 10.5, Entity.Ip("2.2.2.2")), F("f2", 10.25, Entity.User("bob"))]);
        var a1 = score.Attacks[0];
        a1.Detected.ShouldBeTrue();
        a1.TimeToDetect!.Value.TotalMinutes.ShouldBe(15, 0.001);
        a1.MatchingFindings.ShouldBe(2);
        a1.Detectors.ShouldBe(["test"]);
        score.Attacks[1].Detected.ShouldBeFalse();
        score.Attacks[1].TimeToDetect.ShouldBeNull();
        score.BenignFindings.ShouldBe(0);
        score.TotalFindings.ShouldBe(2);
    }

    [Fact]
    public void Evaluate_WithSuggestions_ListsThoseOfTheAttacksIncident_AndNoneForAMissedAttack()
    {
        var asked = new List<string>();
        var score = Scorecard.Evaluate(Truth, [F("f1", 10.5, Entity.Ip("2.2.2.2")), F("f2", 30.5, Entity.Card("c1"))],
            suggest: incident =>
            {
                asked.Add(incident.Id);
                return [$"act on {incident.FindingIds.Single()}"];
            });
        score.Attacks[0].Mitigations.ShouldBe(["act on f1"]);
        score.Attacks[2].Mitigations.ShouldBe(["act on f2"]);
        score.Attacks[1].Mitigations.ShouldBeEmpty();
        asked.Count.ShouldBe(2);
        Scorecard.Evaluate(Truth, [F("f1", 10.5, Entity.Ip("2.2.2.2"))]).Attacks[0].Mitigations.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_FindingOutsideTheWindowPlusSlack_IsBenign()
    {
        var score = Scorecard.Evaluate(Truth, [F("early", 9.9, Entity.Ip("1.1.1.1")), F("late", 12.6, Entity.Ip("1.1.1.1")), F("slack", 12.4, Entity.Ip("1.1.1.1"))]);
        score.Attacks[0].MatchingFindings.ShouldBe(1);
        score.BenignFindings.ShouldBe(2);
        score.BenignByDetector.ShouldBe([new KeyValuePair<string, int>("test", 2)]);
        score.BenignExamples.Count.ShouldBe(2);
    }

    [Fact]
    public void Evaluate_UrlPath_MatchesOnlyTheFloodTarget()
    {
        var score = Scorecard.Evaluate(Truth, [F("p1", 20.1, Entity.Url("/search")), F("p2", 10.5, Entity.Url("/search")), F("p3", 30.5, Entity.Url("/checkout/payment"))]);
        score.Attacks[1].Detected.ShouldBeTrue();
        score.Attacks[0].Detected.ShouldBeFalse();
        score.Attacks[2].Detected.ShouldBeFalse();
        score.BenignFindings.ShouldBe(2);
    }

    [Fact]
    public void Evaluate_CardEntity_MatchesCardTesting_AndUnrelatedEntitiesAreBenign()
    {
        var score = Scorecard.Evaluate(Truth, [F("c", 30.2, Entity.Ip("9.9.9.9"), Entity.Card("c2")), F("x", 30.2, Entity.Ip("9.9.9.9"))]);
        score.Attacks[2].Detected.ShouldBeTrue();
        score.Attacks[2].TimeToDetect!.Value.TotalMinutes.ShouldBe(12, 0.001);
        score.BenignFindings.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_AttackWithExpectedRules_IsDetectedOnlyByThoseRules_OthersStillAttributedToIt()
    {
        var insider = Attack("B3", AttackKind.InsiderRefund, 40, 41, [], accounts: ["staff-02"], cards: ["mule-card"]) with { ExpectedRules = "ES-INS-" };
        var truth = Truth with { Attacks = [insider] };
        var other = F("ref", 40.1, Entity.Card("mule-card")) with { RuleId = "ES-REF-003" };

        var before = Scorecard.Evaluate(truth, [other]);
        before.Attacks[0].Detected.ShouldBeFalse();
        before.Attacks[0].TimeToDetect.ShouldBeNull();
        before.Attacks[0].MatchingFindings.ShouldBe(1);
        before.BenignFindings.ShouldBe(0);

        var after = Scorecard.Evaluate(truth, [other, F("ins", 40.5, Entity.User("staff-02")) with { RuleId = "ES-INS-002" }]);
        after.Attacks[0].Detected.ShouldBeTrue();
        after.Attacks[0].TimeToDetect!.Value.TotalMinutes.ShouldBe(30, 0.001);
        after.Attacks[0].MatchingFindings.ShouldBe(2);
    }

    [Fact]
    public void Aggregate_SeveralSeeds_GivesRatesMedianAndP90()
    {
        var scores = new List<ScenarioScore>();
        for (int i = 1; i <= 10; i++)
        {
            // Seed i detects the stuffing after i minutes, except seed 10 which misses it; i benign findings.
            var findings = new List<Finding>();
            if (i < 10) findings.Add(F("s", 10 + (i / 60.0), Entity.Ip("1.1.1.1")));
            for (int b = 0; b < i; b++) findings.Add(F($"b{b}", 50, Entity.Ip("8.8.8.8")));
            scores.Add(Scorecard.Evaluate(Truth with { Seed = i }, findings));
        }

        var agg = Scorecard.Aggregate(scores);
        agg.Seeds.ShouldBe(Enumerable.Range(1, 10));
        var stuffing = agg.Kinds.Single(k => k.Kind == AttackKind.CredentialStuffing);
        stuffing.Attacks.ShouldBe(10);
        stuffing.Detected.ShouldBe(9);
        stuffing.DetectionRate.ShouldBe(0.9);
        stuffing.MedianTimeToDetect!.Value.TotalMinutes.ShouldBe(5, 0.01);
        stuffing.P90TimeToDetect!.Value.TotalMinutes.ShouldBe(9, 0.01);
        agg.Kinds.Single(k => k.Kind == AttackKind.SearchFlood).MedianTimeToDetect.ShouldBeNull();
        agg.BenignFindingsPerSeed.ShouldBe(5.5);
        agg.BenignFindingsMax.ShouldBe(10);
    }

    [Fact]
    public void Percentile_NearestRank()
    {
        TimeSpan[] v = [.. Enumerable.Range(1, 5).Select(i => TimeSpan.FromSeconds(i))];
        Scorecard.Percentile(v, 0.5).ShouldBe(TimeSpan.FromSeconds(3));
        Scorecard.Percentile(v, 0.9).ShouldBe(TimeSpan.FromSeconds(5));
        Scorecard.Percentile([], 0.5).ShouldBeNull();
    }

    private static AttackTruth Attack(string id, AttackKind kind, double startHours, double endHours, string[] ips, string[]? accounts = null, string[]? cards = null, string? target = null) => new()
    {
        Id = id,
        Kind = kind,
        Slow = false,
        Start = T0.AddHours(startHours),
        End = T0.AddHours(endHours),
        Addresses = ips,
        Accounts = accounts ?? [],
        Cards = cards ?? [],
        TargetPath = target,
        EventCount = 1,
        Parameters = [],
    };

    private static Finding F(string id, double hours, params Entity[] entities) => new()
    {
        Id = id,
        Detector = "test",
        RuleId = "T-1",
        Severity = Severity.Medium,
        Confidence = 0.9,
        Technique = "T1110",
        Explanation = "test finding",
        FirstSeen = T0.AddHours(hours),
        DetectedAt = T0.AddHours(hours),
        Entities = entities,
        EvidenceEventIds = [],
    };
}
