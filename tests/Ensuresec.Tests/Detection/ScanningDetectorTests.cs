using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Scanning;
using static Ensuresec.Tests.Detection.EventFactory;

namespace Ensuresec.Tests.Detection;

public sealed class ScanningDetectorTests
{
    private static List<Finding> Run(IEnumerable<SecurityEvent> events) => DetectorRunner.Run(new ScanningDetector(new ScanningOptions()), events);

    [Fact]
    public void Observe_ScannerUserAgent_FiresOncePerCoolDown()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 50).Select(i => f.Http("203.0.113.5", "/product/" + i, T0.AddSeconds(i), agent: "sqlmap/1.7.2#stable (https://sqlmap.org)"));

        var finding = Run(events).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(ScanningDetector.AgentRule);
        finding.Technique.ShouldBe("T1595.002");
        finding.Explanation.ShouldStartWith("203.0.113.5 announces the sqlmap scanner");
    }

    [Fact]
    public void Observe_WordlistBurstOfMissingPaths_FiresForcedBrowsing()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 40).Select(i => f.Http("203.0.113.6", "/dir" + i + "/", T0.AddSeconds(i), status: 404, agent: "Mozilla/5.0"));

        var findings = Run(events);

        // Fires at 6 distinct misses, then once more when the burst grew five-fold (30), not per request.
        findings.Count.ShouldBe(2);
        var finding = findings[0];
        finding.RuleId.ShouldBe(ScanningDetector.MissingRule);
        finding.Explanation.ShouldContain("6 distinct missing paths");
        finding.EvidenceCount.ShouldBe(6);
    }

    [Fact]
    public void Observe_SensitiveFileServed_FiresHigh()
    {
        var f = new EventFactory();
        var finding = Run([f.Http("203.0.113.7", "/.git/config", T0, status: 200)]).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(ScanningDetector.SensitiveRule);
        finding.Severity.ShouldBe(Severity.High);
        finding.Entities.ShouldContain(Entity.Url("/.git/config"));
    }

    [Fact]
    public void Observe_SensitiveProbesRefused_FiresMediumAtTwoDistinct()
    {
        var f = new EventFactory();
        var findings = Run([f.Http("203.0.113.8", "/.env", T0, status: 404), f.Http("203.0.113.8", "/wp-config.php.bak", T0.AddSeconds(1), status: 404)]);

        findings.ShouldHaveSingleItem().Severity.ShouldBe(Severity.Medium);
        Run([new EventFactory().Http("203.0.113.8", "/.env", T0, status: 404)]).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_CustomerOnPageWithBrokenLinks_Silent()
    {
        var f = new EventFactory();
        var events = new List<SecurityEvent>();
        for (int i = 0; i < 10; i++)
        {
            events.Add(f.Http("198.51.100.3", "/product/" + i, T0.AddSeconds(i * 6)));
            events.Add(f.Http("198.51.100.3", "/img/missing" + i + ".png", T0.AddSeconds(i * 6 + 1), status: 404));
            events.Add(f.Http("198.51.100.3", "/old-link/" + i, T0.AddSeconds(i * 6 + 2), status: 404));
            events.Add(f.Http("198.51.100.3", "/static/app" + i + ".js", T0.AddSeconds(i * 6 + 3)));
        }

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_CrawlerFollowingDeadLinks_Silent()
    {
        var f = new EventFactory();
        var events = Enumerable.Range(0, 14).Select(i => f.Http("144.76.95.39", "/files/old-" + i, T0.AddSeconds(i * 10), status: 404, agent: "Mozilla/5.0 (compatible; MJ12bot/v1.4.4; http://www.majestic12.co.uk/bot.php?+)"));

        Run(events).ShouldBeEmpty();
    }

    [Fact]
    public void Advance_IdleAddresses_AreForgotten()
    {
        var f = new EventFactory();
        var detector = new ScanningDetector(new ScanningOptions());
        DetectorRunner.Run(detector, [f.Http("203.0.113.8", "/.env", T0, status: 404), f.Http("198.51.100.1", "/", T0.AddHours(2))]);

        // The first probe expired, so a second probe two hours later is again a single one.
        DetectorRunner.Run(detector, [f.Http("203.0.113.8", "/.git/HEAD", T0.AddHours(2).AddSeconds(1), status: 404)]).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_IdleShorterThanWindow_NamesIdleExpiry()
    {
        new ScanningOptions { IdleExpiry = TimeSpan.FromMinutes(1) }.Validate().ShouldHaveSingleItem().Key.ShouldBe("IdleExpiry");
        new ScanningOptions { SensitivePaths = ["env"] }.Validate().ShouldHaveSingleItem().Key.ShouldBe("SensitivePaths");
    }

    [Theory]
    [InlineData("/.git/config", true)]
    [InlineData("/shop/.env", true)]
    [InlineData("/phpmyadmin/index.php", true)]
    [InlineData("/index.php.bak", true)]
    [InlineData("/.environment-guide", false)]
    [InlineData("/blog/git-tips", false)]
    [InlineData("/files/release-1.0.tar.gz", false)]
    public void IsSensitive_Paths_MatchOnSegmentBoundaries(string path, bool expected)
    {
        var o = new ScanningOptions();
        new SensitivePathMatcher(o.SensitivePaths, o.SensitiveSuffixes).IsSensitive(path).ShouldBe(expected);
    }
}
