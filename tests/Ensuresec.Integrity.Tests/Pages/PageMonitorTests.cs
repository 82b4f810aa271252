using System.Net;
using System.Text;
using Ensuresec.Integrity.Inspect;
using Ensuresec.Integrity.Pages;

namespace Ensuresec.Integrity.Tests.Pages;

public sealed class PageMonitorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "es-pages-" + Guid.NewGuid().ToString("N"));
    private readonly FakeSite _site = new();

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private const string Checkout = "https://shop.example/checkout";

    private const string CleanPage = """
        <html><head><script src="https://js.braintreegateway.com/web/3.97.2/js/client.min.js" integrity="sha384-abc" crossorigin="anonymous"></script>
        <script src="/static/checkout.js"></script><script>window.dataLayer = [];</script></head>
        <body><form action="/checkout/placeOrder" method="post"><input name="payment[cc_number]"></form></body></html>
        """;

    private const string CleanCsp = "default-src 'self'; script-src 'self' https://js.braintreegateway.com; form-action 'self'";

    private async Task<(List<Ensuresec.Core.Findings.Finding> Findings, PageInventory Inventory)> Round(PageInventory? inventory = null)
    {
        inventory ??= PageInventory.Open(_dir).Inventory!;
        using var http = new HttpClient(_site);
        var (snapshot, texts) = await new PageFetcher(http, TimeProvider.System).FetchAsync(new Uri(Checkout), CancellationToken.None);
        var reference = inventory.Reference(snapshot.Url);
        inventory.Record(snapshot);
        inventory.Save();
        var findings = new PageMonitor(new Inspector(new InspectOptions { OwnHosts = ["shop.example"] })).Judge(snapshot, reference?.Snapshot, texts, Now);
        return (findings, inventory);
    }

    private void Serve(string page, string csp, string checkoutJs = "document.title = 'Checkout';")
    {
        _site.Pages[Checkout] = (page, csp);
        _site.Pages["https://shop.example/static/checkout.js"] = (checkoutJs, null);
        _site.Pages["https://js.braintreegateway.com/web/3.97.2/js/client.min.js"] = ("/* braintree client */ var braintree = {};", null);
    }

    [Fact]
    public async Task Watch_UnchangedPage_RaisesNothingAfterTheFirstVersion()
    {
        Serve(CleanPage, CleanCsp);
        var (first, inventory) = await Round();
        first.ShouldBeEmpty();
        var (second, _) = await Round(PageInventory.Open(_dir).Inventory);
        second.ShouldBeEmpty();
        inventory.Pages[Checkout].Count.ShouldBe(1);
        inventory.Pages[Checkout][0].Snapshot.Scripts.Count.ShouldBe(3);
        inventory.Pages[Checkout][0].Snapshot.Scripts[0].Integrity.ShouldBe("sha384-abc");
    }

    [Fact]
    public async Task Watch_InjectedSkimmerScript_NewOriginAndWeakerCsp_AreAllReported()
    {
        Serve(CleanPage, CleanCsp);
        await Round();
        string injected = CleanPage.Replace("</head>", "<script src=\"https://cdn-analytics.example/gtag.js\"></script></head>", StringComparison.Ordinal);
        Serve(injected, CleanCsp.Replace("script-src 'self'", "script-src 'self' 'unsafe-inline' https://cdn-analytics.example", StringComparison.Ordinal));
        _site.Pages["https://cdn-analytics.example/gtag.js"] = (File.ReadAllText(Inspect.SampleTests.SamplePath("skimmers", "inter-kit.js")), null);
        var (findings, inventory) = await Round(PageInventory.Open(_dir).Inventory);
        var rules = findings.Select(f => f.RuleId).ToList();
        rules.ShouldContain("ES-SHOP-020");
        rules.ShouldContain("ES-SHOP-022");
        rules.ShouldContain("ES-SHOP-024");
        rules.ShouldContain("ES-SHOP-025");
        rules.ShouldContain("ES-SHOP-001");
        findings.Single(f => f.RuleId == "ES-SHOP-024").Explanation.ShouldContain("'unsafe-inline'");
        inventory.Pages[Checkout].Count.ShouldBe(2);
    }

    [Fact]
    public async Task Watch_ChangedFirstPartyScriptAndForeignFormTarget_AreReported()
    {
        Serve(CleanPage, CleanCsp);
        await Round();
        Serve(CleanPage.Replace("/checkout/placeOrder", "https://collect.example/p", StringComparison.Ordinal), CleanCsp, "document.title = 'changed';");
        var (findings, _) = await Round(PageInventory.Open(_dir).Inventory);
        findings.ShouldContain(f => f.RuleId == "ES-SHOP-021" && f.Explanation.Contains("/static/checkout.js"));
        findings.ShouldContain(f => f.RuleId == "ES-SHOP-023" && f.Severity == Ensuresec.Core.Events.Severity.Critical);
    }

    [Fact]
    public async Task Accept_TheNewVersion_BecomesTheReference()
    {
        Serve(CleanPage, CleanCsp);
        await Round();
        Serve(CleanPage, CleanCsp, "document.title = 'v2';");
        var (changed, inventory) = await Round(PageInventory.Open(_dir).Inventory);
        changed.ShouldContain(f => f.RuleId == "ES-SHOP-021");
        inventory.Decide(Checkout, 2, "accepted", "alice").ShouldBeNull();
        inventory.Save();
        var (after, reopened) = await Round(PageInventory.Open(_dir).Inventory);
        after.ShouldBeEmpty();
        reopened.Pages[Checkout][1].DecidedBy.ShouldBe("alice");
        reopened.Decide(Checkout, 9, "accepted", "bob").ShouldNotBeNull();
    }

    [Fact]
    public async Task Watch_CspRemovedOrReportOnly_IsAWeakening()
    {
        Serve(CleanPage, CleanCsp);
        await Round();
        Serve(CleanPage, string.Empty);
        var (findings, _) = await Round(PageInventory.Open(_dir).Inventory);
        findings.ShouldContain(f => f.RuleId == "ES-SHOP-024" && f.Explanation.Contains("removed"));
    }

    [Theory]
    [InlineData("script-src 'self'", "script-src 'self' 'nonce-abc'", 0)]
    [InlineData("script-src 'self'", "script-src 'self' *", 1)]
    [InlineData("script-src 'self'; form-action 'self'", "script-src 'self'", 1)]
    [InlineData("default-src 'self'", "default-src 'self' https://a.example https://b.example", 2)]
    public void Csp_Weakenings_AreCounted(string before, string after, int count)
    {
        CspPolicy.Weakenings(before, false, after, false).Count.ShouldBe(count);
    }

    [Fact]
    public async Task Fetch_OversizedPage_IsAProblemNotACrash()
    {
        _site.Pages[Checkout] = (new string('a', 100), null);
        using var http = new HttpClient(_site);
        var (snapshot, _) = await new PageFetcher(http, TimeProvider.System) { MaxPageBytes = 10 }.FetchAsync(new Uri(Checkout), CancellationToken.None);
        snapshot.Problems.ShouldHaveSingleItem().ShouldContain("larger than 10 bytes");
    }

    [Fact]
    public void Open_CorruptInventory_IsAnError()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "pages.json"), "{\"pages\": 3");
        PageInventory.Open(_dir).Error.ShouldNotBeNull().ShouldContain("not a readable inventory");
    }

    /// <summary>Serves fixed pages in memory, so no network is involved.</summary>
    private sealed class FakeSite : HttpMessageHandler
    {
        public Dictionary<string, (string Body, string? Csp)> Pages { get; } = new(StringComparer.Ordinal);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Pages.TryGetValue(request.RequestUri!.AbsoluteUri, out var page)) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(page.Body, Encoding.UTF8, "text/html") };
            if (!string.IsNullOrEmpty(page.Csp)) response.Headers.TryAddWithoutValidation("Content-Security-Policy", page.Csp);
            return Task.FromResult(response);
        }
    }
}
