using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ensuresec.Server;
using Ensuresec.Server.Csp;
using Ensuresec.Server.Processing;
using Ensuresec.Store;
using Ensuresec.Store.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Integrity.Tests.Csp;

/// <summary>POST /api/v1/csp-report on a real server on 127.0.0.1: public, bounded, and each violation ends as a finding.</summary>
public sealed class CspReportTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "es-csp-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private const string Legacy = """
        {"csp-report":{"document-uri":"https://shop.example/checkout","referrer":"","violated-directive":"script-src-elem","effective-directive":"script-src-elem",
        "original-policy":"script-src 'self'; report-uri /csp-report","disposition":"enforce","blocked-uri":"https://evil.example/skim.js","status-code":200,"script-sample":""}}
        """;

    private const string Modern = """
        [{"type":"csp-violation","age":10,"url":"https://shop.example/checkout","user_agent":"Mozilla/5.0","body":{"documentURL":"https://shop.example/checkout",
        "blockedURL":"wss://ws.collector.example/s","effectiveDirective":"connect-src","disposition":"enforce","sourceFile":"https://shop.example/app.js","lineNumber":12,
        "sample":"<script>alert(1)</script>"}},{"type":"deprecation","body":{}}]
        """;

    public async Task InitializeAsync()
    {
        _app = EnsuresecServer.Build(new ServerOptions
        {
            DataDirectory = _dir,
            Urls = "http://127.0.0.1:0",
            Detectors = [() => new ExternalAlertDetector()],
            ProcessorPollInterval = TimeSpan.FromMilliseconds(100),
            MinimumLogLevel = LogLevel.Warning,
        });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private Task<HttpResponseMessage> Post(string body, string type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return _client.PostAsync("/api/v1/csp-report", content);
    }

    [Fact]
    public async Task Post_BothFormatsWithoutAKey_BecomeFindings()
    {
        (await Post(Legacy, "application/csp-report")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Post(Modern, "application/reports+json")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var store = _app.Services.GetRequiredService<EnsuresecStore>();
        for (int i = 0; i < 100 && store.CountBacklog() > 0 || i < 2; i++) await Task.Delay(100);
        var findings = store.QueryFindings(new FindingQuery { Limit = 10 }).Items;
        findings.Count.ShouldBe(2);
        findings.ShouldContain(f => f.Explanation.Contains("ES-SHOP-030") && f.Explanation.Contains("https://evil.example/skim.js") && f.Technique == "T1059.007");
        findings.ShouldContain(f => f.Explanation.Contains("connect-src") && f.Explanation.Contains("wss://ws.collector.example/s"));
    }

    [Fact]
    public async Task Post_SameReportTwiceInAMinute_IsStoredOnce()
    {
        await Post(Legacy, "application/csp-report");
        await Post(Legacy, "application/csp-report");
        _app.Services.GetRequiredService<EnsuresecStore>().CountEvents().ShouldBe(1);
    }

    [Theory]
    [InlineData("{", "application/csp-report", HttpStatusCode.BadRequest)]
    [InlineData("{\"something\":1}", "application/csp-report", HttpStatusCode.BadRequest)]
    [InlineData("[{\"type\":\"deprecation\"}]", "application/reports+json", HttpStatusCode.BadRequest)]
    [InlineData("{\"csp-report\":{}}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Post_BadReports_AreRefusedWithoutStoring(string body, string type, HttpStatusCode expected)
    {
        (await Post(body, type)).StatusCode.ShouldBe(expected);
        _app.Services.GetRequiredService<EnsuresecStore>().CountEvents().ShouldBe(0);
    }

    [Fact]
    public async Task Post_OversizedBody_Is413()
    {
        string huge = "{\"csp-report\":{\"document-uri\":\"" + new string('a', CspReportApi.MaxBodyBytes) + "\"}}";
        (await Post(huge, "application/csp-report")).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_Flood_IsRateLimited()
    {
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 40; i++) codes.Add((await Post("{", "application/csp-report")).StatusCode);
        codes.ShouldContain(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void Parse_LongAttackerStrings_AreCut()
    {
        string body = "{\"csp-report\":{\"document-uri\":\"" + new string('x', 10000) + "\",\"blocked-uri\":\"inline\"}}";
        var (violations, error) = CspReportParser.Parse(Encoding.UTF8.GetBytes(body), null);
        error.ShouldBeNull();
        violations.Single().DocumentUrl.Length.ShouldBe(2048);
    }
}
