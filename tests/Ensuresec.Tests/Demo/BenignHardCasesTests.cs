using Ensuresec.Core.Events;

namespace Ensuresec.Tests.Demo;

public sealed class BenignHardCasesTests
{
    private static IEnumerable<SecurityEvent> Benign
    {
        get
        {
            var attackers = SmallScenario.Truth.Attacks.SelectMany(a => a.Addresses).ToHashSet();
            return SmallScenario.Events.Where(e => !attackers.Contains(e.SourceIp!));
        }
    }

    // Every session starts on the home page; monitors and crawlers are told apart by their agents.
    private static IEnumerable<SecurityEvent> SessionStarts => Benign.Where(e => e.UrlPath == "/" && e.UserAgent is { } ua
        && !ua.Contains("compatible", StringComparison.Ordinal) && !ua.Contains("Pingdom", StringComparison.Ordinal));

    [Fact]
    public void NatAddress_CarriesLoginsOfManyDistinctCustomers()
    {
        var nat = SmallScenario.Truth.Benign.NatAddresses;
        var users = Benign.Where(e => e.Action == EventActions.Login && e.Outcome == EventOutcomes.Success && nat.Contains(e.SourceIp!))
            .GroupBy(e => e.SourceIp).Max(g => g.Select(e => e.UserName).Distinct().Count());
        users.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public void FlashSale_MultipliesTrafficAgainstTheSameHoursOnOtherDays()
    {
        var b = SmallScenario.Truth.Benign;
        var otherDay = b.FlashSaleStart.AddDays(b.FlashSaleStart.DayOfWeek == DayOfWeek.Sunday ? -1 : 1);
        var length = b.FlashSaleEnd - b.FlashSaleStart;
        int during = SessionStarts.Count(e => e.Timestamp >= b.FlashSaleStart && e.Timestamp < b.FlashSaleEnd);
        int normal = SessionStarts.Count(e => e.Timestamp >= otherDay && e.Timestamp < otherDay + length);
        ((double)during / normal).ShouldBeGreaterThan(3.0);
        Benign.Where(e => e.Timestamp >= b.FlashSaleStart && e.Timestamp < b.FlashSaleEnd).Select(e => e.SourceIp).Distinct().Count().ShouldBeGreaterThan(200);
    }

    [Fact]
    public void Crawlers_CrawlSteadily_WithSome404s()
    {
        var crawl = Benign.Where(e => e.UserAgent is { } ua && (ua.Contains("Googlebot", StringComparison.Ordinal) || ua.Contains("bingbot", StringComparison.Ordinal))).ToList();
        crawl.Count.ShouldBeGreaterThan(7 * 24 * 300);
        crawl.Count(e => e.StatusCode == 404).ShouldBeGreaterThan(crawl.Count / 100);
        crawl.Select(e => e.SourceIp).Distinct().ShouldBeSubsetOf(SmallScenario.Truth.Benign.CrawlerAddresses);
    }

    [Fact]
    public void UptimeMonitor_ChecksHealthEveryMinute()
    {
        string monitor = SmallScenario.Truth.Benign.MonitorAddresses[0];
        var checks = Benign.Where(e => e.SourceIp == monitor).ToList();
        checks.Count.ShouldBe(7 * 24 * 60);
        checks.ShouldAllBe(e => e.UrlPath == "/health" && e.UserAgent!.Contains("UptimeRobot", StringComparison.Ordinal));
        for (int i = 1; i < checks.Count; i++) (checks[i].Timestamp - checks[i - 1].Timestamp).TotalSeconds.ShouldBeInRange(59, 61);
    }

    [Fact]
    public void Customers_MistypePasswords_ThenSucceed()
    {
        int recovered = 0;
        foreach (var g in Benign.Where(e => e.Action == EventActions.Login).GroupBy(e => e.UserName))
        {
            var list = g.ToList();
            for (int i = 1; i < list.Count; i++)
            {
                if (list[i - 1].Outcome == EventOutcomes.Failure && list[i].Outcome == EventOutcomes.Success) recovered++;
            }
        }

        recovered.ShouldBeGreaterThan(50);
        Benign.ShouldContain(e => e.Action == EventActions.PasswordReset);
        Benign.ShouldContain(e => e.Action == EventActions.EmailChange, "legitimate e-mail changes");
        Benign.ShouldContain(e => e.Action == EventActions.PaymentAttempt && e.Outcome == EventOutcomes.Failure, "legitimate declines");
    }

    [Fact]
    public void Traffic_FollowsADiurnalRhythm()
    {
        var sessions = SessionStarts.ToList();
        int night = sessions.Count(e => e.Timestamp.Hour is >= 2 and < 5);
        int evening = sessions.Count(e => e.Timestamp.Hour is >= 19 and < 22);
        evening.ShouldBeGreaterThan(night * 5);
    }
}
