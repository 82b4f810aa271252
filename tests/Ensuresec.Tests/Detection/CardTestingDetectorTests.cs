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
}
