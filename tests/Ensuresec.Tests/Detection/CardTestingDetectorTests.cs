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
