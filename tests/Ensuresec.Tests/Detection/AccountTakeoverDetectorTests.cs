using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Takeover;
using static Ensuresec.Tests.Detection.EventFactory;

namespace Ensuresec.Tests.Detection;

public sealed class AccountTakeoverDetectorTests
{
    private const string Alice = "alice@example.com";
    private const string Attacker = "Mozilla/5.0 (X11; Linux x86_64) python-requests/2.31";

    private static List<Finding> Run(IEnumerable<SecurityEvent> events) => DetectorRunner.Run(new AccountTakeoverDetector(new AccountTakeoverOptions()), events);

    /// <summary>Alice's history: she logs in from home every day for a week.</summary>
    private static IEnumerable<SecurityEvent> History(EventFactory f) =>
        Enumerable.Range(0, 7).Select(d => f.Login(Alice, "198.51.100.20", true, T0.AddDays(-7 + d)));

    [Fact]
    public void Observe_LoginFromNewNetworkThenEmailChange_FiresTakeover()
    {
        var f = new EventFactory();
        SecurityEvent[] attack =
        [
            f.Login(Alice, "203.0.113.9", true, T0, Attacker),
            f.Change(EventActions.EmailChange, Alice, "203.0.113.9", T0.AddMinutes(3)),
        ];

        var finding = Run([.. History(f), .. attack]).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(AccountTakeoverDetector.TakeoverRule);
        finding.Severity.ShouldBe(Severity.High);
        finding.Technique.ShouldBe("T1078");
        finding.Entities.Take(2).ShouldBe([Entity.User(Alice), Entity.Ip("203.0.113.9")]);
        finding.Explanation.ShouldContain("from a new network 203.0.113.0/24");
        finding.Explanation.ShouldContain("email-change");
    }

    [Fact]
    public void Observe_GuessedPasswordThenNewCardAndAddress_FiresCritical()
    {
        var f = new EventFactory();
        var guesses = Enumerable.Range(0, 8).Select(i => f.Login(Alice, "203.0.113.9", false, T0.AddSeconds(i * 5), Attacker));
        SecurityEvent[] after =
        [
            f.Login(Alice, "203.0.113.9", true, T0.AddMinutes(1), Attacker),
            f.Payment(Alice, "203.0.113.9", "card-new", 350m, true, T0.AddMinutes(5)),
            f.Change(EventActions.AddressChange, Alice, "203.0.113.9", T0.AddMinutes(9)),
        ];

        var findings = Run([.. History(f), .. guesses, .. after]);

        findings.Select(x => x.RuleId).ShouldBe([AccountTakeoverDetector.LoginRule, AccountTakeoverDetector.TakeoverRule]);
        findings[1].Severity.ShouldBe(Severity.Critical);
        findings[1].Entities.ShouldContain(Entity.Card("card-new"));
    }

    [Fact]
    public void Observe_OwnerMistypesThenChangesAddressFromHome_Silent()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Login(Alice, "198.51.100.20", false, T0),
            f.Login(Alice, "198.51.100.20", false, T0.AddSeconds(10)),
            f.Login(Alice, "198.51.100.21", true, T0.AddSeconds(20)),
            f.Change(EventActions.AddressChange, Alice, "198.51.100.21", T0.AddMinutes(2)),
        ];

        Run([.. History(f), .. events]).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_ChangeLongAfterNewNetworkLogin_Silent()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Login(Alice, "203.0.113.50", true, T0, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)"),
            f.Change(EventActions.EmailChange, Alice, "203.0.113.50", T0.AddHours(3)),
        ];

        Run([.. History(f), .. events]).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_FirstEverLoginThenChange_Silent()
    {
        var f = new EventFactory();
        Run([f.Login("new@example.com", "203.0.113.60", true, T0), f.Change(EventActions.AddressChange, "new@example.com", "203.0.113.60", T0.AddMinutes(1))]).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_NetworkLearnedAfterQuietWindow_LaterChangesSilent()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Login(Alice, "203.0.113.70", true, T0, "Mozilla/5.0 (Macintosh)"),
            f.Login(Alice, "198.51.100.20", true, T0.AddHours(2)),
            f.Login(Alice, "203.0.113.71", true, T0.AddHours(3), "Mozilla/5.0 (Macintosh)"),
            f.Change(EventActions.EmailChange, Alice, "203.0.113.71", T0.AddHours(3).AddMinutes(1)),
        ];

        Run([.. History(f), .. events]).ShouldBeEmpty();
    }
}
