using Ensuresec.Ingest;
using Ensuresec.Tests.Support;
using Ensuresec.Waf.Http;

namespace Ensuresec.Waf.Tests.Evaluation;

public sealed class AccessLogTests
{
    [Fact]
    public void ApacheLogs_AtDefaultParanoia_AreAtLeast99Point5PercentClean()
    {
        string path = SharedData.PathOf("access-logs/apache_logs");
        var parser = new AccessLogParser();
        var analyzer = new WafAnalyzer(new WafOptions());
        int lines = 0, flagged = 0;
        foreach (string line in File.ReadLines(path))
        {
            lines++;
            if (!parser.TryParse(line, path, lines, out var e, out _) || EventRequests.From(e) is not { } r) continue;
            if (analyzer.Analyze(r).Findings.Count > 0) flagged++;
        }

        lines.ShouldBe(10_000);
        (1.0 - (double)flagged / lines).ShouldBeGreaterThanOrEqualTo(0.995);
    }
}
