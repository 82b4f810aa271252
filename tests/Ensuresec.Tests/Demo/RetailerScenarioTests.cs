using Ensuresec.Core.Events;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Tests.Demo;

public sealed class RetailerScenarioTests
{
    private static readonly ScenarioOptions Tiny = new() { Scale = 0.02, Days = 2 };

    [Fact]
    public void Generate_SameSeed_YieldsIdenticalEvents()
    {
        var a = RetailerScenario.Generate(11, Tiny).Events.Select(SmallScenario.Fingerprint).ToList();
        var b = RetailerScenario.Generate(11, Tiny).Events.Select(SmallScenario.Fingerprint).ToList();
        a.Count.ShouldBeGreaterThan(1000);
        b.ShouldBe(a);
    }

    [Fact]
    public void Generate_EnumeratedTwice_YieldsIdenticalEvents()
    {
        var s = RetailerScenario.Generate(12, Tiny);
        s.Events.Select(SmallScenario.Fingerprint).ShouldBe(s.Events.Select(SmallScenario.Fingerprint).ToList());
    }

    [Fact]
    public void Generate_DifferentSeeds_YieldDifferentEventsAndAttacks()
    {
        var a = RetailerScenario.Generate(1, Tiny);
        var b = RetailerScenario.Generate(2, Tiny);
        a.Events.Take(500).Select(e => e.SourceIp).ShouldNotBe(b.Events.Take(500).Select(e => e.SourceIp));
        a.Truth.Attacks.Select(t => t.Start).ShouldNotBe(b.Truth.Attacks.Select(t => t.Start));
    }

    [Fact]
    public void Events_AreInTimeOrder_WithUniqueDeterministicIds()
    {
        var events = SmallScenario.Events;
        for (int i = 1; i < events.Count; i++) events[i].Timestamp.ShouldBeGreaterThanOrEqualTo(events[i - 1].Timestamp);
        events.Select(e => e.Id).Distinct().Count().ShouldBe(events.Count);
        events.ShouldAllBe(e => e.Id.StartsWith("demo-7-", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_UseTheEcsVocabulary()
    {
        var actions = SmallScenario.Events.Select(e => e.Action).Distinct().ToHashSet();
        foreach (string a in new[]
        {
            EventActions.HttpRequest, EventActions.Login, EventActions.PasswordReset, EventActions.EmailChange,
            EventActions.AddressChange, EventActions.AccountCreate, EventActions.OrderCreate, EventActions.PaymentAttempt,
        })
        {
            actions.ShouldContain(a);
        }

        var web = SmallScenario.Events.First(e => e.Action == EventActions.HttpRequest);
        web.Dataset.ShouldBe("nginx.access");
        web.StatusCode.ShouldNotBeNull();
        web.UserAgent.ShouldNotBeNullOrEmpty();
        var pay = SmallScenario.Events.First(e => e.Action == EventActions.PaymentAttempt);
        pay.PaymentAmount.ShouldNotBeNull();
        pay.PaymentCurrency.ShouldBe("EUR");
        pay.CardFingerprint.ShouldNotBeNullOrEmpty();
        SmallScenario.Events.ShouldContain(e => e.SourceIp!.Contains(':'), "some IPv6 clients");
    }

    [Fact]
    public void Attacks_AllKinds_LieInsideTheWeek()
    {
        var t = SmallScenario.Truth;
        t.Attacks.Select(a => a.Kind).ShouldBe(new ScenarioOptions().Attacks);
        foreach (var a in t.Attacks)
        {
            a.Start.ShouldBeGreaterThanOrEqualTo(t.Start);
            a.End.ShouldBeLessThanOrEqualTo(t.End);
            a.End.ShouldBeGreaterThanOrEqualTo(a.Start);
        }
    }

    [Fact]
    public void GroundTruth_EveryEntity_AppearsInTheEvents()
    {
        var ips = new HashSet<string>();
        var users = new HashSet<string>();
        var cards = new HashSet<string>();
        foreach (var e in SmallScenario.Events)
        {
            if (e.SourceIp is not null) ips.Add(e.SourceIp);
            if (e.UserName is not null) users.Add(e.UserName);
            if (e.CardFingerprint is not null) cards.Add(e.CardFingerprint);
        }

        foreach (var a in SmallScenario.Truth.Attacks)
        {
            a.Addresses.ShouldNotBeEmpty();
            a.Addresses.ShouldAllBe(ip => ips.Contains(ip), a.Id);
            a.Accounts.ShouldAllBe(u => users.Contains(u), a.Id);
            a.Cards.ShouldAllBe(c => cards.Contains(c), a.Id);
        }

        var flood = SmallScenario.Truth.Attacks.Single(a => a.Kind == AttackKind.SearchFlood);
        flood.TargetPath.ShouldBe("/search");
        SmallScenario.Truth.Attacks.Where(a => a.Kind != AttackKind.SearchFlood).ShouldAllBe(a => a.TargetPath == null);
    }

    [Fact]
    public void GroundTruth_EventCount_MatchesTheAttackersEventsInItsWindow()
    {
        foreach (var a in SmallScenario.Truth.Attacks.Where(a => a.Kind is AttackKind.SearchFlood or AttackKind.Reconnaissance))
        {
            var ips = a.Addresses.ToHashSet();
            int seen = SmallScenario.Events.Count(e => ips.Contains(e.SourceIp!) && e.Timestamp >= a.Start && e.Timestamp <= a.End);
            seen.ShouldBe(a.EventCount, a.Id);
        }
    }

    [Fact]
    public void Takeover_ChangesEmailThenAddress_OfAStuffedAccount()
    {
        var ato = SmallScenario.Truth.Attacks.Single(a => a.Kind == AttackKind.AccountTakeover);
        var stuffing = SmallScenario.Truth.Attacks.Single(a => a.Kind == AttackKind.CredentialStuffing);
        string victim = ato.Accounts.ShouldHaveSingleItem();
        stuffing.Accounts.ShouldContain(victim);
        var mine = SmallScenario.Events.Where(e => e.UserName == victim && ato.Addresses.Contains(e.SourceIp!)).ToList();
        var login = mine.First(e => e.Action == EventActions.Login && e.Outcome == EventOutcomes.Success);
        var email = mine.First(e => e.Action == EventActions.EmailChange);
        var address = mine.First(e => e.Action == EventActions.AddressChange);
        login.Timestamp.ShouldBeLessThan(email.Timestamp);
        email.Timestamp.ShouldBeLessThan(address.Timestamp);
        SmallScenario.Events.ShouldContain(e => e.UserName == victim && e.Action == EventActions.Login && e.Outcome == EventOutcomes.Success
            && stuffing.Addresses.Contains(e.SourceIp!));
    }

    [Fact]
    public void Generate_InvalidOptions_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => RetailerScenario.Generate(1, new ScenarioOptions { Scale = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => RetailerScenario.Generate(1, new ScenarioOptions { Days = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => RetailerScenario.Generate(1, new ScenarioOptions { SlowShare = 2 }));
    }

    [Fact]
    public void Generate_SubsetOfAttacks_PlansOnlyThose()
    {
        var s = RetailerScenario.Generate(5, Tiny with { Attacks = [AttackKind.AccountTakeover, AttackKind.SearchFlood] });
        s.Truth.Attacks.Select(a => a.Kind).ShouldBe([AttackKind.AccountTakeover, AttackKind.SearchFlood]);
    }
}
