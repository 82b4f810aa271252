using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Payments;
using static Ensuresec.Tests.Detection.EventFactory;

namespace Ensuresec.Tests.Detection;

public sealed class CardTestingDetectorTests
{
    private static List<Finding> Run(IEnumerable<SecurityEvent> events) => DetectorRunner.Run(new CardTestingDetector(new CardTestingOptions()), events);

    [Fact]
    public void Observe_ManySmallDeclinedPaymentsWithManyCards_FiresPerAddressAndAccount()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 20).Select(i => f.Payment("guest-77", "203.0.113.30", "card-" + i, 1.00m, ok: i % 5 == 0, T0.AddSeconds(i * 10)));

        var findings = Run(events);

        // Each key fires at 8 cards (high), then once more when it reaches 20 cards (critical).
        findings.Select(x => x.RuleId).Order().ShouldBe([CardTestingDetector.AddressRule, CardTestingDetector.AddressRule, CardTestingDetector.AccountRule, CardTestingDetector.AccountRule]);
        findings.Where(x => x.RuleId == CardTestingDetector.AddressRule).Select(x => x.Severity).ShouldBe([Severity.High, Severity.Critical]);
        var byAddress = findings.First(x => x.RuleId == CardTestingDetector.AddressRule);
        byAddress.Technique.ShouldBe("T1657");
        byAddress.Entities[0].ShouldBe(Entity.Ip("203.0.113.30"));
        byAddress.Explanation.ShouldContain("8 payment attempts with 8 distinct cards");
    }

    [Fact]
    public void Observe_OneProbeEveryFewMinutesForHours_FiresSlowRuleThenEscalatesOnce()
    {
        var f = new EventFactory();
        // 40 cards over 10 hours, one every 15 minutes: never more than one in the 10-minute window.
        var events = Enumerable.Range(0, 40).Select(i => f.Payment(null, "203.0.113.31", "slow-card-" + i, 0.99m, ok: i % 10 == 0, T0.AddMinutes(i * 15)));

        var findings = Run(events);

        // At 8 cards, then once more when the count has grown by the escalation factor (5x: 40 cards).
        findings.Select(x => x.RuleId).ShouldBe([CardTestingDetector.SlowRule, CardTestingDetector.SlowRule]);
        findings[0].Entities[0].ShouldBe(Entity.Ip("203.0.113.31"));
        findings[0].Explanation.ShouldContain("8 distinct cards");
        findings[1].Explanation.ShouldContain("40 distinct cards");
    }

    [Fact]
    public void Observe_CarrierNatWithManyCustomersPayingNormally_SilentOverADay()
    {
        var f = new EventFactory();
        // 200 customers behind one address in a day, each with their own card; one in ten declined once.
        var events = Enumerable.Range(0, 200).SelectMany(i => i % 10 == 0
            ? new[] { f.Payment("c" + i, "100.64.0.1", "nat-card-" + i, 49.90m, false, T0.AddMinutes(i * 7)), f.Payment("c" + i, "100.64.0.1", "nat-card-" + i, 49.90m, true, T0.AddMinutes(i * 7 + 1)) }
            : new[] { f.Payment("c" + i, "100.64.0.1", "nat-card-" + i, 20m + i, true, T0.AddMinutes(i * 7)) });

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Options_SlowWindowShorterThanWindow_Invalid() =>
        new CardTestingOptions { SlowWindow = TimeSpan.FromMinutes(1) }.Validate().ShouldContain(x => x.Key == nameof(CardTestingOptions.SlowWindow));

    [Fact]
    public void Observe_OneCardFromManyAddresses_FiresCardRule()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 6).Select(i => f.Payment(null, "203.0.113." + (40 + i), "card-x", 2.00m, ok: false, T0.AddSeconds(i * 30)));

        var finding = Run(events).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(CardTestingDetector.CardRule);
        finding.Entities.ShouldContain(Entity.Card("card-x"));
    }

    [Fact]
    public void Observe_CustomerWithTwoDeclinesThenAnotherCard_Silent()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Payment("carol", "198.51.100.5", "card-a", 89.90m, false, T0),
            f.Payment("carol", "198.51.100.5", "card-a", 89.90m, false, T0.AddSeconds(30)),
            f.Payment("carol", "198.51.100.5", "card-b", 89.90m, true, T0.AddSeconds(90)),
        ];

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_BusinessBuyerManyOrdersOneCard_Silent()
    {
        var f = new EventFactory();
        Run(Enumerable.Range(0, 30).Select(i => f.Payment("buyer", "198.51.100.6", "card-corp", 120m + i, true, T0.AddSeconds(i * 15)))).ShouldBeEmpty();
    }

    // Behind one carrier address in ten minutes: four customers with their own cards (one declined twice, then paying
    // with its second card; one declined once), and guests: one declined on two cards, one declined, one paying.
    // Eleven attempts, nine cards, six declined: the counts of a card tester, the shape of a crowd.
    private static List<SecurityEvent> SharedAddressRush(EventFactory f, string ip, DateTimeOffset at) =>
    [
        f.Payment("carol", ip, "carol-1", 89.90m, false, at),
        f.Payment("carol", ip, "carol-1", 89.90m, false, at.AddSeconds(20)),
        f.Payment("carol", ip, "carol-2", 89.90m, true, at.AddSeconds(50)),
        f.Payment("dave", ip, "dave-1", 64.10m, false, at.AddMinutes(1)),
        f.Payment("dave", ip, "dave-1", 64.10m, true, at.AddMinutes(1.5)),
        f.Payment("erin", ip, "erin-1", 112.41m, true, at.AddMinutes(2)),
        f.Payment("frank", ip, "frank-1", 49.43m, true, at.AddMinutes(3)),
        f.Payment(null, ip, "guest-a", 65.32m, false, at.AddMinutes(4)),
        f.Payment(null, ip, "guest-b", 65.32m, false, at.AddMinutes(4.5)),
        f.Payment(null, ip, "guest-c", 119.80m, false, at.AddMinutes(6)),
        f.Payment(null, ip, "guest-d", 82.36m, true, at.AddMinutes(7)),
    ];

    [Fact]
    public void Observe_CustomersBehindASharedAddressWithDeclines_Silent()
    {
        var events = SharedAddressRush(new EventFactory(), "37.185.16.170", T0);

        Run(events).ShouldBeEmpty();

        // The same attempts counted as one actor's (no account is a customer) are card testing by the counts.
        DetectorRunner.Run(new CardTestingDetector(new CardTestingOptions { MaxCardsPerCustomer = 0 }), events)
            .ShouldContain(x => x.RuleId == CardTestingDetector.AddressRule);
    }

    [Fact]
    public void Observe_TesterWithTwoNewAccountsAmongCustomersBehindOneAddress_FiresOnTheProbesAndGuestsOnly()
    {
        var f = new EventFactory();
        const string ip = "37.185.16.171";
        var rush = SharedAddressRush(f, ip, T0);
        // The slowest fast tester: one attempt a minute, small amounts, nine in ten declined, over two fresh accounts.
        var probes = Enumerable.Range(0, 10).Select(i => f.Payment(i % 2 == 0 ? "fresh-1" : "fresh-2", ip, "probe-" + i, 0.50m + (i * 0.45m), i == 3, T0.AddMinutes(i)));

        var findings = Run(rush.Concat(probes).OrderBy(e => e.Timestamp));

        var byAddress = findings.First(x => x.RuleId == CardTestingDetector.AddressRule);
        byAddress.Explanation.ShouldContain("not counting 4 customers paying with their own card");
        var cards = byAddress.Entities.Where(x => x.Kind == EntityKinds.Card).Select(x => x.Value).ToList();
        cards.ShouldContain(x => x.StartsWith("probe-", StringComparison.Ordinal));
        cards.ShouldAllBe(x => x.StartsWith("probe-", StringComparison.Ordinal) || x.StartsWith("guest-", StringComparison.Ordinal));
    }

    [Fact]
    public void Observe_SlowTesterBehindABusyCarrierAddress_FiresOnceCustomersAreLeftOut()
    {
        var f = new EventFactory();
        const string ip = "100.64.0.9";
        // Sixty customers paying normally over ten hours, and a tester trying a card every 20 minutes at small amounts.
        var customers = Enumerable.Range(0, 60).Select(i => f.Payment("cust" + i, ip, "cust-card-" + i, 30m + i, i % 12 != 0, T0.AddMinutes(i * 10)));
        var probes = Enumerable.Range(0, 30).Select(i => f.Payment(null, ip, "slow-" + i, 1.99m, i % 8 == 0, T0.AddMinutes(5 + (i * 20))));

        var finding = Run(customers.Concat(probes).OrderBy(e => e.Timestamp)).ShouldHaveSingleItem();

        // Counted with the customers, a third of the attempts would be small: under the 70% the slow rule asks.
        finding.RuleId.ShouldBe(CardTestingDetector.SlowRule);
        finding.Explanation.ShouldContain("8 distinct cards");
        finding.Explanation.ShouldContain("customers paying with their own card");
    }

    [Fact]
    public void Observe_OneAccountCyclingCardsAtOrdinaryAmounts_IsNoCustomer()
    {
        var f = new EventFactory();
        // An account that tries eight cards is not paying for itself, whatever the amounts.
        var events = Enumerable.Range(0, 8).Select(i => f.Payment("taken-over", "198.51.100.77", "stolen-" + i, 79.90m, i == 7, T0.AddSeconds(i * 40)));

        Run(events).Select(x => x.RuleId).ShouldContain(CardTestingDetector.AccountRule);
    }

    [Fact]
    public void Options_CustomerCardsAtLeastTheCardThreshold_Invalid() =>
        new CardTestingOptions { MaxCardsPerCustomer = 4 }.Validate().ShouldContain(x => x.Key == nameof(CardTestingOptions.MaxCardsPerCustomer));
}
