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

        var paid = f.Payment(Alice, "198.51.100.20", "card-home", 40m, true, T0.AddDays(-2));
        var findings = Run([.. History(f), paid, .. guesses, .. after]);

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

    [Fact]
    public void Observe_OwnerMistypesFiveTimesFromHomeThenPays_Silent()
    {
        var f = new EventFactory();
        var typos = Enumerable.Range(0, 5).Select(i => f.Login(Alice, "198.51.100.20", false, T0.AddSeconds(i * 10)));
        SecurityEvent[] after =
        [
            f.Login(Alice, "198.51.100.20", true, T0.AddMinutes(1)),
            f.Payment(Alice, "198.51.100.20", "card-first", 60m, true, T0.AddMinutes(4)),
        ];

        Run([.. History(f), .. typos, .. after]).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_VeryManyFailuresFromHomeThenSuccess_FiresLoginRule()
    {
        var f = new EventFactory();
        var typos = Enumerable.Range(0, 12).Select(i => f.Login(Alice, "198.51.100.20", false, T0.AddSeconds(i * 10)));

        var finding = Run([.. History(f), .. typos, f.Login(Alice, "198.51.100.20", true, T0.AddMinutes(3))]).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(AccountTakeoverDetector.LoginRule);
    }

    [Fact]
    public void Observe_FailuresFromOtherAddressesThenSuccess_FiresLoginRule()
    {
        var f = new EventFactory();
        var tries = Enumerable.Range(0, 5).Select(i => f.Login(Alice, $"192.0.2.{i + 1}", false, T0.AddSeconds(i * 10), Attacker));

        var finding = Run([.. History(f), .. tries, f.Login(Alice, "198.51.100.20", true, T0.AddMinutes(3))]).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(AccountTakeoverDetector.LoginRule);
        finding.Explanation.ShouldContain("from 5 other addresses");
    }

    [Fact]
    public void Observe_FirstCardOnAccountWithoutPaymentsAfterNewNetworkLogin_Silent()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Login(Alice, "203.0.113.9", true, T0, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)"),
            f.Payment(Alice, "203.0.113.9", "card-first", 60m, true, T0.AddMinutes(4)),
        ];

        Run([.. History(f), .. events]).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_EmailThenAddressChangeHoursAfterLoginFromRecentNetwork_FiresHijack()
    {
        var f = new EventFactory();
        // The attacker logs in once (learned as the owner's after a quiet hour), then comes back the next day.
        SecurityEvent[] events =
        [
            f.Login(Alice, "203.0.113.9", true, T0, Browser),
            f.Login(Alice, "203.0.113.9", true, T0.AddHours(20), Browser),
            f.Change(EventActions.EmailChange, Alice, "203.0.113.9", T0.AddHours(20).AddMinutes(1)),
            f.Change(EventActions.AddressChange, Alice, "203.0.113.9", T0.AddHours(20).AddMinutes(40)),
        ];

        var finding = Run([.. History(f), .. events]).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(AccountTakeoverDetector.HijackRule);
        finding.Severity.ShouldBe(Severity.High);
        finding.Entities.ShouldBe([Entity.User(Alice), Entity.Ip("203.0.113.9")]);
        finding.Explanation.ShouldContain("address-change");
    }

    [Fact]
    public void Observe_EmailThenAddressChangeFromHomeNetwork_Silent()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Login(Alice, "198.51.100.20", true, T0),
            f.Change(EventActions.EmailChange, Alice, "198.51.100.20", T0.AddMinutes(1)),
            f.Change(EventActions.AddressChange, Alice, "198.51.100.20", T0.AddMinutes(2)),
        ];

        Run([.. History(f), .. events]).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_EmailChangeAloneFromRecentNetwork_Silent()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Login(Alice, "203.0.113.9", true, T0, Browser),
            f.Change(EventActions.EmailChange, Alice, "203.0.113.9", T0.AddHours(5)),
        ];

        Run([.. History(f), .. events]).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Go-http-client/1.1")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/132.0")]
    public void Observe_OwnerReturnsAfterTheOnlyKnownLoginWasAnAttackers_Silent(string sprayerAgent)
    {
        var f = new EventFactory();
        // A sprayer's password worked once (the account's only login this profile knows); the next day the owner logs in
        // from home with their phone, pays and changes the e-mail: new to a one-login profile, but that is no profile.
        const string Phone = "Mozilla/5.0 (Linux; Android 13; Pixel 7) Mobile";
        SecurityEvent[] events =
        [
            f.Login(Alice, "87.176.104.173", true, T0, sprayerAgent),
            f.Login(Alice, "46.186.31.229", true, T0.AddDays(1), Phone),
            f.Payment(Alice, "46.186.31.229", "card-own", 63m, true, T0.AddDays(1).AddMinutes(2)),
            f.Change(EventActions.EmailChange, Alice, "46.186.31.229", T0.AddDays(1).AddMinutes(3)),
        ];

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_AttackerReturnsToAccountWhoseOnlyLoginWasTheStuffedOne_FiresHijack()
    {
        var f = new EventFactory();
        // The stuffing success is the account's only login; the attacker comes back from another address, changes the
        // e-mail and then the delivery address: the single-login profile gives no ES-ATO-001, the hijack pattern reports it.
        SecurityEvent[] events =
        [
            f.Login(Alice, "203.0.113.9", true, T0, Browser),
            f.Login(Alice, "192.0.2.77", true, T0.AddHours(3), Browser),
            f.Change(EventActions.EmailChange, Alice, "192.0.2.77", T0.AddHours(3).AddMinutes(5)),
            f.Change(EventActions.AddressChange, Alice, "192.0.2.77", T0.AddHours(3).AddMinutes(20)),
        ];

        var finding = Run(events).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(AccountTakeoverDetector.HijackRule);
        finding.Entities.ShouldContain(Entity.Ip("192.0.2.77"));
    }

    [Fact]
    public void Observe_NewNetworkAndAgentAfterTwoKnownLoginsThenEmailChange_FiresTakeover()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Login(Alice, "198.51.100.20", true, T0.AddDays(-2)),
            f.Login(Alice, "198.51.100.20", true, T0.AddDays(-1)),
            f.Login(Alice, "203.0.113.9", true, T0, Attacker),
            f.Change(EventActions.EmailChange, Alice, "203.0.113.9", T0.AddMinutes(3)),
        ];

        Run(events).ShouldHaveSingleItem().RuleId.ShouldBe(AccountTakeoverDetector.TakeoverRule);
    }

    [Fact]
    public void Options_ManyFailuresBelowMinimum_Invalid()
    {
        var errors = new AccountTakeoverOptions { MinFailuresBeforeSuccess = 5, ManyFailuresBeforeSuccess = 3 }.Validate();

        errors.ShouldContain(x => x.Key == nameof(AccountTakeoverOptions.ManyFailuresBeforeSuccess));
    }
}
