using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection;
using Ensuresec.Detection.Promotions;
using static Ensuresec.Tests.Detection.Abuse.AbuseEvents;

namespace Ensuresec.Tests.Detection.Abuse;

public sealed class PromotionAbuseDetectorTests
{
    private static List<Finding> Run(IEnumerable<SecurityEvent> events, PromotionAbuseOptions? options = null) =>
        DetectorRunner.Run(new PromotionAbuseDetector(options ?? new PromotionAbuseOptions()), events);

    // One person opens accounts and redeems the first-order code on each, from one device, shipping to one address typed differently.
    private static List<SecurityEvent> FarmedFirstOrders(AbuseEvents f, int accounts, string device = "dev-farm", string? card = null)
    {
        string[] spellings = ["7 Elm Road Apt 2", "7 elm rd, apt. 2", "7 ELM ROAD #2", "7 Elm Rd Unit 2", "7 elm road apartment 2"];
        var events = new List<SecurityEvent>();
        for (int i = 0; i < accounts; i++)
        {
            var t = T0.AddHours(i * 3);
            string user = "farm" + i;
            events.Add(f.Signup(user, user + "@mail.test", "198.51.100." + (10 + i), t, device));
            events.Add(f.Redeem(user, "WELCOME20", t.AddMinutes(5), "198.51.100." + (10 + i), device, card ?? "card-" + i, spellings[i % spellings.Length], type: "first-order"));
        }

        return events;
    }

    [Fact]
    public void Observe_FirstOrderCodeThroughNewAccountsOnOneDevice_FiresWithScoreAndReasons()
    {
        var findings = Run(FarmedFirstOrders(new AbuseEvents(), 5));

        var finding = findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(PromotionAbuseDetector.LinkedRule);
        finding.Technique.ShouldBe("T1657");
        finding.Confidence.ShouldBeGreaterThanOrEqualTo(0.9);
        finding.Explanation.ShouldContain("\"WELCOME20\"");
        finding.Explanation.ShouldContain("other accounts redeemed this code from the same device");
        finding.Explanation.ShouldContain("the promotion is meant once per customer");
        finding.Entities[0].Kind.ShouldBe(EntityKinds.UserName);
        finding.Entities.ShouldContain(Entity.User("farm0"));
        finding.EvidenceEventIds.Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Observe_ThreeNewAccountsSharingOneCardAndAnAddressTypedThreeWays_Fires()
    {
        var f = new AbuseEvents();
        string[] spellings = ["12 Main Street, Apt. 3B", "12 main st #3b", "12 MAIN ST UNIT 3-B"];
        var events = new List<SecurityEvent>();
        for (int i = 0; i < 3; i++)
        {
            var t = T0.AddDays(i);
            events.Add(f.Signup("sub" + i, $"sub{i}@mail.test", "203.0.113." + i, t, "dev-" + i));
            events.Add(f.Redeem("sub" + i, "welcome20", t.AddMinutes(3), "203.0.113." + i, "dev-" + i, "card-shared", spellings[i], type: "first-order"));
        }

        var finding = Run(events).ShouldHaveSingleItem();
        finding.Explanation.ShouldContain("paying with the same card");
        finding.Entities.ShouldContain(Entity.Card("card-shared"));
    }

    [Fact]
    public void Observe_HouseholdOfOldAccountsSharingAnAddressAndConnection_Silent()
    {
        var f = new AbuseEvents();
        var events = new List<SecurityEvent>();
        string[] members = ["mum", "dad", "kid1", "kid2"];
        for (int i = 0; i < members.Length; i++)
        {
            events.Add(f.Redeem(members[i], "SPRING10", T0.AddHours(i * 5), "192.0.2.44", "dev-" + members[i], "card-" + members[i], "3 Oak Lane"));
        }

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_PopularCodeFromManyCustomersBehindOneCarrierNat_Silent()
    {
        var f = new AbuseEvents();
        var events = Enumerable.Range(0, 300).Select(i =>
            f.Redeem("cust" + i, "SPRING10", T0.AddMinutes(i * 7), "100.64.0.1", "dev-" + i, "card-" + i, $"{i} Long Street"));

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_SameCodeOnOneDeviceAgain_ReportedOncePerCoolDown()
    {
        var findings = Run(FarmedFirstOrders(new AbuseEvents(), 8));
        findings.Count(x => x.RuleId == PromotionAbuseDetector.LinkedRule).ShouldBe(1);
    }

    [Fact]
    public void Observe_ReferralWhoseRefereeUsesTheReferrersDevice_FiresSelfReferral()
    {
        var f = new AbuseEvents();
        var events = new[]
        {
            f.Login("alice", "192.0.2.10", T0, device: "dev-alice"),
            f.Pay("alice", "192.0.2.10", "card-alice", T0.AddMinutes(1)),
            f.Signup("alice2", "alice.second@mail.test", "198.51.100.77", T0.AddHours(2), "dev-alice"),
            f.Redeem("alice2", "REF-ALICE", T0.AddHours(2).AddMinutes(4), "198.51.100.77", "dev-alice", "card-new", "9 Pine Street", type: "referral", referrer: "alice"),
        };

        var finding = Run(events).ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(PromotionAbuseDetector.ReferralRule);
        finding.Severity.ShouldBe(Severity.High);
        finding.Entities.Take(2).ShouldBe([Entity.User("alice2"), Entity.User("alice")]);
        finding.Explanation.ShouldContain("the referrer used the same device");
    }

    [Fact]
    public void Observe_ReferralOfAFriendElsewhere_Silent()
    {
        var f = new AbuseEvents();
        var events = new[]
        {
            f.Login("alice", "192.0.2.10", T0, device: "dev-alice"),
            f.Pay("alice", "192.0.2.10", "card-alice", T0.AddMinutes(1)),
            f.Signup("bob", "bob@mail.test", "198.51.100.78", T0.AddHours(2), "dev-bob"),
            f.Redeem("bob", "REF-ALICE", T0.AddHours(2).AddMinutes(4), "198.51.100.78", "dev-bob", "card-bob", "1 Other Road", type: "referral", referrer: "alice"),
        };

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_ReferralSharingOnlyANetworkAddress_Silent()
    {
        var f = new AbuseEvents();
        var events = new[]
        {
            f.Login("alice", "100.64.0.9", T0, device: "dev-alice"),
            f.Redeem("carol", "REF-ALICE", T0.AddHours(1), "100.64.0.9", "dev-carol", "card-carol", "8 Far Away Road", type: "referral", referrer: "alice"),
        };

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_ManyRefusedCodesFromOneAddress_FiresCodeGuessing()
    {
        var f = new AbuseEvents();
        var events = Enumerable.Range(0, 40).Select(i => f.Redeem(null, "SAVE" + (1000 + i), T0.AddSeconds(i * 20), "203.0.113.200", ok: false));

        var finding = Run(events).ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(PromotionAbuseDetector.GuessingRule);
        finding.Entities[0].ShouldBe(Entity.Ip("203.0.113.200"));
        finding.Explanation.ShouldContain("15 promotion codes refused");
        finding.Explanation.ShouldContain("OAT-002");
    }

    [Fact]
    public void Observe_CustomerMistypingACodeAFewTimes_Silent()
    {
        var f = new AbuseEvents();
        var events = new List<SecurityEvent>();
        for (int c = 0; c < 50; c++)
        {
            var t = T0.AddMinutes(c * 10);
            events.Add(f.Redeem("cust" + c, "SPRNG10", t, "100.64.0.1", ok: false));
            events.Add(f.Redeem("cust" + c, "SPRING1O", t.AddSeconds(20), "100.64.0.1", ok: false));
            events.Add(f.Redeem("cust" + c, "SPRING10", t.AddSeconds(40), "100.64.0.1"));
        }

        // 100 refusals behind one NAT over 8 hours, but only 2 distinct codes and never 15 in an hour from one customer.
        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_AttackerControlledKeys_StateStaysBounded()
    {
        var options = new PromotionAbuseOptions { MaxKeys = 500, MaxEntriesPerKey = 16 };
        var detector = new PromotionAbuseDetector(options);
        var f = new AbuseEvents();
        var sink = new List<Finding>();
        var events = Enumerable.Range(0, 20_000).Select(i => i % 2 == 0
            ? f.Redeem("u" + i, "C" + i, T0.AddSeconds(i), "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "d" + i, "k" + i, i + " Random Road")
            : f.Redeem("u" + i, "C" + i, T0.AddSeconds(i), "10.9." + (i >> 8 & 255) + "." + (i & 255), "d" + i, ok: false));
        DetectorRunner.Run(detector, events);

        // Four maps (links, accounts, refusals, reports), each at most max-keys.
        detector.StateKeys.ShouldBeLessThanOrEqualTo(4 * options.MaxKeys);
    }

    [Fact]
    public void Observe_MissingAndHostileFields_NeverThrowsAndQuotesSafely()
    {
        var f = new AbuseEvents();
        string hostile = "<script>alert(1)</script>\u0000\n" + new string('x', 100_000);
        var events = new List<SecurityEvent>
        {
            f.Redeem(null, "X", T0),
            f.Redeem("u", "", T0),
            new() { Id = "bare", Timestamp = T0, Action = EventActions.PromotionRedeem, Outcome = EventOutcomes.Success, UserName = "u" },
            new() { Id = "bare2", Timestamp = T0, Action = EventActions.PromotionRedeem, Outcome = EventOutcomes.Failure },
        };
        for (int i = 0; i < 6; i++) events.Add(f.Redeem(i + hostile, hostile, T0.AddMinutes(i), hostile, hostile, hostile, hostile, type: hostile, referrer: hostile));
        for (int i = 0; i < 30; i++) events.Add(f.Redeem(hostile, i + hostile, T0.AddMinutes(10).AddSeconds(i), hostile, ok: false));

        var findings = Run(events);

        findings.ShouldNotBeEmpty();
        findings.ShouldAllBe(x => !x.Explanation.Contains('\n') && !x.Explanation.Contains('\u0000') && x.Explanation.Length < 3_000);
        findings.SelectMany(x => x.Entities).ShouldAllBe(x => x.Value.Length <= PromotionFields.MaxValue);
    }

    [Fact]
    public void Constructor_InvalidOptions_RefusedNamingEveryProblem()
    {
        var bad = new PromotionAbuseOptions { Threshold = 1.5, Window = TimeSpan.Zero, MinRefused = 5, MinDistinctCodes = 9, MaxKeys = 1 };
        var ex = Should.Throw<ArgumentException>(() => new PromotionAbuseDetector(bad));
        ex.Message.ShouldContain("Threshold");
        ex.Message.ShouldContain("Window");
        ex.Message.ShouldContain("MinDistinctCodes");
        ex.Message.ShouldContain("MaxKeys");
        DetectorCatalog.Validate(new DetectionOptions { PromotionAbuse = bad }).ShouldContain(e => e.Key == "detectors.promotion-abuse.threshold");
    }

    [Fact]
    public async Task Pipeline_TwoPartitions_SameFindingAsOne()
    {
        var events = FarmedFirstOrders(new AbuseEvents(), 5);
        var options = new DetectionOptions();
        var one = Run(events);
        var two = await DetectorRunner.RunPipelineAsync([() => new PromotionAbuseDetector(options.PromotionAbuse)], events);
        two.Select(x => x.Id).ShouldBe(one.Select(x => x.Id));
    }
}
