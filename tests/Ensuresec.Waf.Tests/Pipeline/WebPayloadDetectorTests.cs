using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection;

namespace Ensuresec.Waf.Tests.Pipeline;

/// <summary>The web-payload detector through the real pipeline with two partitions.</summary>
public sealed class WebPayloadDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static SecurityEvent Request(int i, string ip, string path, string? query) => new()
    {
        Id = $"e{i}",
        Timestamp = T0.AddSeconds(i),
        Action = EventActions.HttpRequest,
        SourceIp = ip,
        HttpMethod = "GET",
        UrlPath = path,
        UrlQuery = query,
        StatusCode = 200,
        UserAgent = "Mozilla/5.0",
    };

    private static async Task<List<Finding>> Run(IEnumerable<SecurityEvent> events)
    {
        var options = new DetectionOptions
        {
            RequestFlood = new() { Enabled = false }, Scanning = new() { Enabled = false }, CredentialStuffing = new() { Enabled = false },
            AccountTakeover = new() { Enabled = false }, CardTesting = new() { Enabled = false },
        };
        var sink = new ListSink();
        await using (var pipeline = new DetectionPipeline(DetectorCatalog.Create(options), sink, new PipelineOptions { Partitions = 2 }))
        {
            foreach (var e in events) await pipeline.WriteAsync(e);
            await pipeline.CompleteAsync();
            pipeline.Faults.ShouldBeEmpty();
        }

        return sink.Findings;
    }

    [Fact]
    public async Task Pipeline_InjectionsFromOneAddress_OneFindingPerClassWithCoolDown()
    {
        var events = new List<SecurityEvent>();
        for (int i = 0; i < 20; i++) events.Add(Request(i, "198.51.100.7", "/product", $"id={i}%20UNION%20SELECT%20password%20FROM%20users"));
        events.Add(Request(30, "198.51.100.7", "/search", "q=%3Cscript%3Ealert(1)%3C/script%3E"));
        for (int i = 40; i < 200; i++) events.Add(Request(i, "203.0.113." + (i % 50), "/product", $"id={i}&ref=home"));
        var findings = await Run(events);
        findings.Count.ShouldBe(2);
        findings.ShouldContain(f => f.RuleId == "ES-WEB-020" && f.Technique == "T1190" && f.Entities[0].Value == "198.51.100.7");
        findings.ShouldContain(f => f.RuleId == "ES-WEB-021");
        findings.All(f => f.Detector == "web-payload").ShouldBeTrue();
    }

    [Fact]
    public async Task Pipeline_BenignTraffic_RaisesNothing()
    {
        var events = Enumerable.Range(0, 300).Select(i => Request(i, "192.0.2." + (i % 20), "/catalog/shoes", $"page={i % 7}&sort=price&q=O%27Reilly%20%26%20sons"));
        (await Run(events)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pipeline_ProtocolAnomalyAlone_RaisesNothing()
    {
        // apache_logs line 6919: a demo page linked with width=100% (a raw '%').
        (await Run([Request(1, "192.0.2.9", "/demo/jquery-magicpuff.html", "iframe=true&width=100%&height=100%")])).ShouldBeEmpty();
        (await Run([Request(1, "192.0.2.9", "/p", "a=%00&b=1%20UNION%20SELECT%201")])).Select(f => f.RuleId).ShouldContain("ES-WEB-020");
    }

    [Fact]
    public void Options_Invalid_AreReportedWithTheirKey()
    {
        var errors = DetectorCatalog.Validate(new DetectionOptions { WebPayload = new() { Paranoia = 9 } });
        errors.ShouldContain(e => e.Key == "detectors.web-payload.paranoia");
    }

    private sealed class ListSink : IFindingSink
    {
        private readonly Lock _lock = new();

        public List<Finding> Findings { get; } = [];

        public void Emit(Finding finding)
        {
            lock (_lock) Findings.Add(finding);
        }
    }
}
