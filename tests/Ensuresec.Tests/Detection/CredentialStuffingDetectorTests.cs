using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Credentials;
using static Ensuresec.Tests.Detection.EventFactory;

namespace Ensuresec.Tests.Detection;

public sealed class CredentialStuffingDetectorTests
{
    private static List<Finding> Run(IEnumerable<SecurityEvent> events) => DetectorRunner.Run(new CredentialStuffingDetector(new CredentialStuffingOptions()), events);

    [Fact]
    public void Observe_OneAddressManyAccountsMostlyFailing_FiresStuffingNamingTheWonAccounts()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 40).Select(i => f.Login($"user{i}@example.com", "203.0.113.9", ok: i == 30, T0.AddSeconds(i * 3)));

        var finding = Run(events).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(CredentialStuffingDetector.StuffingRule);
        finding.Technique.ShouldBe("T1110.004");
        finding.Entities[0].ShouldBe(Entity.Ip("203.0.113.9"));
        finding.Explanation.ShouldStartWith("203.0.113.9 tried 10 accounts in 10 min");
    }

    [Fact]
    public void Observe_LowAndSlowOverHours_FiresSpraying()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 40).Select(i => f.Login($"staff{i}@example.com", "203.0.113.10", ok: false, T0.AddMinutes(i * 7)));

        var findings = Run(events);

        // An ongoing campaign is reported again once per cool-down (1 h), never per attempt.
        findings.Count.ShouldBe(3);
        findings.ShouldAllBe(x => x.RuleId == CredentialStuffingDetector.SprayingRule && x.Technique == "T1110.003");
        findings[0].Explanation.ShouldStartWith("203.0.113.10 tried 20 accounts at most 1 times each");
    }

    [Fact]
    public void Observe_ManyFailuresOnOneAccount_FiresGuessing()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 12).Select(i => f.Login("alice@example.com", "203.0.113.11", ok: false, T0.AddSeconds(i * 20)));

        var finding = Run(events).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(CredentialStuffingDetector.GuessingRule);
        finding.Entities[0].ShouldBe(Entity.User("alice@example.com"));
    }

    [Fact]
    public void Observe_FailedLoginPostsInAccessLog_FiresBurst()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 25).Select(i => f.Http("203.0.113.12", "/wp-login.php", T0.AddSeconds(i * 5), status: 200, method: "POST"));

        Run(events).ShouldHaveSingleItem().RuleId.ShouldBe(CredentialStuffingDetector.BurstRule);
    }

    [Fact]
    public void Observe_CustomerMistypesThreeTimesThenSucceeds_Silent()
    {
        var f = new EventFactory();
        SecurityEvent[] events =
        [
            f.Login("bob@example.com", "198.51.100.4", false, T0),
            f.Login("bob@example.com", "198.51.100.4", false, T0.AddSeconds(10)),
            f.Login("bob@example.com", "198.51.100.4", false, T0.AddSeconds(20)),
            f.Login("bob@example.com", "198.51.100.4", true, T0.AddSeconds(30)),
        ];

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_NatWhereManyCustomersLogInMostlySuccessfully_Silent()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 200).Select(i => f.Login($"c{i % 80}@example.com", "192.0.2.1", ok: i % 6 != 0, T0.AddSeconds(i * 4)));

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pipeline_TwoPartitions_KeysAddressAndAccountApart()
    {
        var f = new EventFactory();
        var stuffing = Enumerable.Range(0, 30).Select(i => f.Login($"user{i}@example.com", "203.0.113.9", false, T0.AddSeconds(i)));
        var guessing = Enumerable.Range(0, 12).Select(i => f.Login("alice@example.com", $"203.0.113.{100 + i}", false, T0.AddSeconds(i * 10)));

        var findings = await DetectorRunner.RunPipelineAsync([() => new CredentialStuffingDetector(new CredentialStuffingOptions())], DetectorRunner.Merge(stuffing, guessing));

        findings.Select(x => x.RuleId).Order().ShouldBe([CredentialStuffingDetector.StuffingRule, CredentialStuffingDetector.GuessingRule]);
    }

    /// <summary>Hours of customers logging in, 100 an hour, each from home; one in ten mistypes once first.</summary>
    private static IEnumerable<SecurityEvent> Customers(EventFactory f, int hours)
    {
        for (int i = 0; i < hours * 100; i++)
        {
            var at = T0.AddSeconds(i * 36);
            string user = $"customer{i % 700}@example.com";
            string ip = $"198.51.{i % 200}.{i % 250}";
            if (i % 10 == 0) yield return f.Login(user, ip, false, at.AddSeconds(-20));
            yield return f.Login(user, ip, true, at);
        }
    }

    [Fact]
    public void Advance_ThinStuffingFromManyAddresses_FiresSiteRule()
    {
        var f = new EventFactory();
        // From hour 2: 30 leaked accounts an hour, each tried once, from 40 addresses that each try a handful.
        var stuffing = Enumerable.Range(0, 120).Select(i => f.Login($"leaked{i}@example.com", $"203.0.{i % 40}.9", false, T0.AddHours(2).AddMinutes(i * 2)));

        var findings = Run(DetectorRunner.Merge(Customers(f, 8), stuffing));

        var site = findings.Where(x => x.RuleId == CredentialStuffingDetector.SiteRule).ToList();
        site.ShouldHaveSingleItem();
        site[0].Technique.ShouldBe("T1110.004");
        site[0].Entities.ShouldContain(x => x.Kind == EntityKinds.SourceIp && x.Value.StartsWith("203.0.", StringComparison.Ordinal));
        site[0].Entities.ShouldContain(x => x.Kind == EntityKinds.UserName && x.Value.StartsWith("leaked", StringComparison.Ordinal));
        site[0].DetectedAt.ShouldBeLessThan(T0.AddHours(4));
        findings.ShouldAllBe(x => x.RuleId == CredentialStuffingDetector.SiteRule);
    }

    [Fact]
    public void Advance_AfterTheAttackEnds_DoesNotReportItAgainFromTheWindowsMemory()
    {
        var f = new EventFactory();
        // Four hours of thin stuffing, then a day of ordinary customers: the 6 h window still holds the attack's
        // orphans when the cool-down ends, which must not read as a new campaign.
        var stuffing = Enumerable.Range(0, 240).Select(i => f.Login($"leaked{i}@example.com", $"203.0.{i % 40}.9", false, T0.AddHours(2).AddMinutes(i)));

        // A few customers an hour forget their password and give up: orphans keep trickling in, as on a real site.
        var giveUps = Enumerable.Range(0, 90).Select(i => f.Login($"forgetful{i}@example.com", $"192.0.2.{i}", false, T0.AddMinutes(i * 20)));

        var findings = Run(DetectorRunner.Merge(DetectorRunner.Merge(Customers(f, 30), stuffing), giveUps));

        var site = findings.Where(x => x.RuleId == CredentialStuffingDetector.SiteRule).ToList();
        site.ShouldNotBeEmpty();
        var attackEnd = T0.AddHours(6);
        site.ShouldAllBe(x => x.DetectedAt <= attackEnd.AddMinutes(30), string.Join("; ", site.Select(x => $"{x.DetectedAt:u} {x.Explanation}")));
    }

    [Fact]
    public void Advance_LongSlowCampaign_ReportedWhileItRunsNeverFromTheWindowsMemoryAfter()
    {
        // A slow campaign of 30 h (the cool-down lets the rule report it again every 6 h), then a day of ordinary
        // customers with a few give-ups: the last window still holds hours of the campaign when its cool-down ends.
        var attackEnd = T0.AddHours(33);
        List<Finding> Site(CredentialStuffingOptions options)
        {
            var f = new EventFactory();
            var stuffing = Enumerable.Range(0, 1860).Select(i => f.Login($"leaked{i}@example.com", $"203.0.{i % 120}.9", false, T0.AddHours(2).AddMinutes(i)));
            var giveUps = Enumerable.Range(0, 160).Select(i => f.Login($"forgetful{i}@example.com", $"192.0.2.{i}", false, T0.AddMinutes(i * 20)));
            var events = DetectorRunner.Merge(DetectorRunner.Merge(Customers(f, 52), stuffing), giveUps);
            return DetectorRunner.Run(new CredentialStuffingDetector(options), events).Where(x => x.RuleId == CredentialStuffingDetector.SiteRule).ToList();
        }

        var site = Site(new CredentialStuffingOptions());

        site.Count.ShouldBeGreaterThanOrEqualTo(2, string.Join("; ", site.Select(x => $"{x.DetectedAt:u} {x.Explanation}")));
        site.ShouldAllBe(x => x.DetectedAt <= attackEnd.AddMinutes(30), string.Join("; ", site.Select(x => $"{x.DetectedAt:u} {x.Explanation}")));

        // Judged on the whole window alone (the recent stretch as long as the window), it reports the memory late.
        var old = Site(new CredentialStuffingOptions { SiteRecentWindow = TimeSpan.FromHours(6) });
        old.ShouldContain(x => x.DetectedAt > attackEnd.AddMinutes(30), string.Join("; ", old.Select(x => $"{x.DetectedAt:u} {x.Explanation}")));
    }

    [Fact]
    public void Options_RecentWindowZero_Invalid()
    {
        new CredentialStuffingOptions { SiteRecentWindow = TimeSpan.Zero }.Validate().ShouldContain(x => x.Key == nameof(CredentialStuffingOptions.SiteRecentWindow));
    }

    [Fact]
    public void Advance_CustomersMistypingThenLoggingIn_Silent()
    {
        var f = new EventFactory();

        Run(Customers(f, 12)).ShouldBeEmpty();
    }

    [Fact]
    public void Advance_SomeCustomersGiveUpAtANormalRate_Silent()
    {
        var f = new EventFactory();
        // Three customers an hour fail and never log in (a forgotten password), each from their own address.
        var giveUps = Enumerable.Range(0, 36).Select(i => f.Login($"forgetful{i}@example.com", $"192.0.2.{i}", false, T0.AddMinutes(i * 20)));

        Run(DetectorRunner.Merge(Customers(f, 12), giveUps)).ShouldBeEmpty();
    }

    [Fact]
    public void Options_OrphanShareAboveOne_Invalid()
    {
        new CredentialStuffingOptions { SiteMinOrphanShare = 1.5 }.Validate().ShouldContain(x => x.Key == nameof(CredentialStuffingOptions.SiteMinOrphanShare));
    }

    [Fact]
    public async Task Pipeline_ThinStuffingOverFourPartitions_FiresSiteRuleOnce()
    {
        var f = new EventFactory();
        var stuffing = Enumerable.Range(0, 120).Select(i => f.Login($"leaked{i}@example.com", $"203.0.{i % 40}.9", false, T0.AddHours(2).AddMinutes(i * 2)));
        var events = DetectorRunner.Merge(Customers(f, 8), stuffing).ToList();

        var findings = await DetectorRunner.RunPipelineAsync([() => new CredentialStuffingDetector(new CredentialStuffingOptions())], events, partitions: 4);

        findings.Count(x => x.RuleId == CredentialStuffingDetector.SiteRule).ShouldBe(1);
    }
}
