using Ensuresec.Core.Events;
using Ensuresec.Detection.Flood;
using static Ensuresec.Tests.Detection.EventFactory;

namespace Ensuresec.Tests.Detection;

public sealed class RequestFloodDetectorTests
{
    private static readonly string[] Pages = ["/", "/product/1", "/product/2", "/cart", "/checkout", "/search", "/category/shoes", "/static/app.js", "/static/site.css", "/account"];

    /// <summary>Ten minutes of ordinary shoppers: 40 addresses, a page every ~20 s each, many pages.</summary>
    private static IEnumerable<SecurityEvent> Background(EventFactory f, int minutes = 10, int addresses = 40)
    {
        for (int s = 0; s < minutes * 60; s++)
        {
            for (int a = s % 20; a < addresses; a += 20) yield return f.Http($"198.51.100.{a}", Pages[(s + a) % Pages.Length], T0.AddSeconds(s));
        }
    }

    [Fact]
    public void Observe_OneAddressHammersSearch_FiresSourceAndPathFlood()
    {
        var f = new EventFactory();
        var flood = Enumerable.Range(0, 1_500).Select(i => f.Http("203.0.113.9", "/search", T0.AddMinutes(8).AddMilliseconds(i * 40), query: "q=" + i));

        var findings = DetectorRunner.Run(new RequestFloodDetector(new RequestFloodOptions()), DetectorRunner.Merge(Background(f), flood));

        // It fires once at the floor, then once more when the rate passes four times the threshold.
        var sourceFindings = findings.Where(x => x.RuleId == RequestFloodDetector.SourceRule).ToList();
        sourceFindings.Select(x => x.Severity).ShouldBe([Severity.Medium, Severity.High]);
        var source = sourceFindings[0];
        source.Entities[0].ShouldBe(Ensuresec.Core.Findings.Entity.Ip("203.0.113.9"));
        source.Explanation.ShouldContain("203.0.113.9 sent");
        source.Explanation.ShouldContain("to \"/search\"");
        source.Technique.ShouldBe("T1499.002");
        source.EvidenceEventIds.Count.ShouldBeLessThanOrEqualTo(20);
        findings.Count(x => x.RuleId == RequestFloodDetector.PathRule).ShouldBe(1);
    }

    [Fact]
    public void Observe_NatWithManyCustomersBrowsing_Silent()
    {
        var f = new EventFactory();
        // 600 requests a minute from one address, spread over the whole site.
        var nat = Enumerable.Range(0, 6_000).Select(i => f.Http("192.0.2.1", Pages[i % Pages.Length] + (i % 3 == 0 ? "" : "/" + (i % 50)), T0.AddMilliseconds(i * 100)));

        DetectorRunner.Run(new RequestFloodDetector(new RequestFloodOptions()), DetectorRunner.Merge(Background(f), nat)).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_FlashSaleAcrossManyAddresses_Silent()
    {
        var f = new EventFactory();
        // Minute 8: 2,000 shoppers each load the sale page and a few others.
        var sale = Enumerable.Range(0, 2_000).SelectMany(a => new[]
        {
            f.Http($"10.{a / 250}.{a % 250}.7", "/sale", T0.AddMinutes(8).AddMilliseconds(a * 25)),
            f.Http($"10.{a / 250}.{a % 250}.7", "/cart", T0.AddMinutes(8).AddMilliseconds(a * 25 + 5_000)),
        });

        DetectorRunner.Run(new RequestFloodDetector(new RequestFloodOptions()), DetectorRunner.Merge(Background(f), sale)).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_CrawlerAndUptimeMonitorAtSteadyRates_Silent()
    {
        var f = new EventFactory();
        var bot = Enumerable.Range(0, 1_200).Select(i => f.Http("66.249.73.135", "/product/" + i, T0.AddMilliseconds(i * 500), agent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
        var monitor = Enumerable.Range(0, 600).Select(i => f.Http("69.162.124.226", "/", T0.AddSeconds(i), agent: "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"));

        DetectorRunner.Run(new RequestFloodDetector(new RequestFloodOptions()), DetectorRunner.Merge(Background(f), bot, monitor)).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_FloodGrowsWithinCoolDown_FiresAgainOnlyWhenEscalated()
    {
        var f = new EventFactory();
        var steady = Enumerable.Range(0, 3_000).Select(i => f.Http("203.0.113.9", "/search", T0.AddMilliseconds(i * 100)));

        var findings = DetectorRunner.Run(new RequestFloodDetector(new RequestFloodOptions()), steady);

        // 600/min is twice the floor: one finding, no re-firing within the cool-down.
        findings.Count(x => x.RuleId == RequestFloodDetector.SourceRule).ShouldBe(1);
        findings.Select(x => x.Id).Distinct().Count().ShouldBe(findings.Count);
    }

    [Fact]
    public async Task Pipeline_TwoPartitions_SameFindingsAsOnePartition()
    {
        var f = new EventFactory();
        var events = DetectorRunner.Merge(Background(f), Enumerable.Range(0, 1_500).Select(i => f.Http("203.0.113.9", "/search", T0.AddMinutes(8).AddMilliseconds(i * 40)))).ToList();
        var options = new RequestFloodOptions();

        var two = await DetectorRunner.RunPipelineAsync([() => new RequestFloodDetector(options)], events, 2);
        var one = await DetectorRunner.RunPipelineAsync([() => new RequestFloodDetector(options)], events, 1);

        two.Select(x => x.Id).Order().ShouldBe(one.Select(x => x.Id).Order());
        two.Select(x => x.RuleId).Distinct().Order().ShouldBe([RequestFloodDetector.SourceRule, RequestFloodDetector.PathRule]);
    }

    [Fact]
    public void Validate_BadValues_NamesTheProperties()
    {
        var errors = new RequestFloodOptions { Window = TimeSpan.Zero, SourceMinTopPathShare = 2, BaselineAlpha = 0 }.Validate();

        errors.Select(e => e.Key).ShouldBe(["Window", "SourceMinTopPathShare", "BaselineAlpha"], ignoreOrder: true);
        new RequestFloodOptions().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Observe_SlowFloodFromTenAddressesUnderFloor_FiresPathRule()
    {
        var f = new EventFactory();
        // Minutes 20-30: ten addresses send 4 requests a second in total, 10x the path's 24/min but under the 600 floor.
        var flood = Enumerable.Range(0, 2_400).Select(i => f.Http($"203.0.113.{i % 10}", "/category/shoes", T0.AddMinutes(20).AddMilliseconds(i * 250), query: "q=" + i));

        var findings = DetectorRunner.Run(new RequestFloodDetector(new RequestFloodOptions()), DetectorRunner.Merge(Background(f, minutes: 30), flood));

        findings.ShouldNotBeEmpty();
        findings.ShouldAllBe(x => x.RuleId == RequestFloodDetector.PathRule);
        findings[0].Entities.ShouldContain(Ensuresec.Core.Findings.Entity.Url("/category/shoes"));
        findings[0].Explanation.ShouldContain("addresses (203.0.113.");
        findings[0].DetectedAt.ShouldBeLessThan(T0.AddMinutes(22));
    }

    [Fact]
    public void Observe_SearchSurgeAcrossManyShoppers_Silent()
    {
        var f = new EventFactory();
        // Minutes 20-30: a sale sends 300 extra requests a minute to the category, each from a different shopper.
        var surge = Enumerable.Range(0, 3_000).Select(i => f.Http($"10.{i / 200}.{i % 200}.7", "/category/shoes", T0.AddMinutes(20).AddMilliseconds(i * 200), query: "page=" + (i % 5)));

        DetectorRunner.Run(new RequestFloodDetector(new RequestFloodOptions()), DetectorRunner.Merge(Background(f, minutes: 30), surge)).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_SlowFloodBeforeBaselineLearned_Silent()
    {
        var f = new EventFactory();
        // Without a learned baseline only the 600 floor applies.
        var flood = Enumerable.Range(0, 1_200).Select(i => f.Http($"203.0.113.{i % 10}", "/category/shoes", T0.AddMinutes(2).AddMilliseconds(i * 250), query: "q=" + i));

        DetectorRunner.Run(new RequestFloodDetector(new RequestFloodOptions()), DetectorRunner.Merge(Background(f, minutes: 7), flood)).ShouldBeEmpty();
    }
}
