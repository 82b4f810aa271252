using System.CommandLine;
using System.Text.Json;
using Ensuresec.Cli.Commands;
using Ensuresec.Tests.Support;

namespace Ensuresec.Tests.Cli;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<int> Run(params string[] args) => AnalyzeCommand.Create().Parse(args).InvokeAsync();

    [Fact]
    public async Task Analyze_RealApacheLog_ReportsLine8899AndExplainsEveryFinding()
    {
        string json = Path.Combine(_dir, "report.json");
        (await Run(SharedData.PathOf("access-logs/apache_logs"), "--json", json, "--no-progress")).ShouldBe(0);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = doc.RootElement;
        root.GetProperty("summary").GetProperty("lines").GetInt64().ShouldBe(10_000);
        root.GetProperty("summary").GetProperty("events").GetInt64().ShouldBe(9_999);
        var bad = root.GetProperty("parse_errors").EnumerateArray().ShouldHaveSingleItem();
        bad.GetProperty("line").GetInt64().ShouldBe(8899);
        foreach (var f in root.GetProperty("findings").EnumerateArray())
        {
            string explanation = f.GetProperty("explanation").GetString()!;
            explanation.ShouldNotBeNullOrWhiteSpace();
            explanation.ShouldNotContain('\n');
            f.GetProperty("technique").GetString()!.ShouldStartWith("T");
        }
    }

    [Fact]
    public async Task Analyze_FailOn_ExitsOneWhenAFindingReachesTheLevel()
    {
        string log = Path.Combine(_dir, "scan.log");
        var lines = Enumerable.Range(0, 40).Select(i =>
            $"203.0.113.9 - - [02/Mar/2026:10:00:{i:00} +0000] \"GET /probe-{i}/.env HTTP/1.1\" 404 0 \"-\" \"sqlmap/1.7\"");
        await File.WriteAllLinesAsync(log, lines);

        (await Run(log, "--fail-on", "low", "--no-progress")).ShouldBe(1);
        (await Run(log, "--fail-on", "critical", "--no-progress")).ShouldBe(0);
    }

    [Fact]
    public async Task Analyze_BadUsage_ExitsTwo()
    {
        (await Run(Path.Combine(_dir, "missing.log"))).ShouldBe(2);
        string log = Path.Combine(_dir, "a.log");
        await File.WriteAllTextAsync(log, "");
        (await Run(log, "--fail-on", "catastrophic")).ShouldBe(2);
        (await Run(log, "--log-format", "$remote_addr$remote_user")).ShouldBe(2);
        (await Run(log, "--config", Path.Combine(_dir, "none.yaml"))).ShouldBe(2);
    }

    [Fact]
    public async Task Analyze_BadLinesAmongGood_CountsThemAndGoesOn()
    {
        string log = Path.Combine(_dir, "mixed.ndjson");
        await File.WriteAllLinesAsync(log,
        [
            """{"@timestamp":"2026-03-02T10:00:00Z","event":{"id":"a","action":"user-login","outcome":"failure"},"source":{"ip":"192.0.2.1"},"user":{"name":"alice"}}""",
            """{"@timestamp":"not a time","event":{"id":"b"}}""",
            "[1,2,3]",
            """{"@timestamp":"2026-03-02T10:00:01Z","event":{"id":"c"},"x":{"y":"<script>alert(1)</script>"}}""",
        ]);
        string json = Path.Combine(_dir, "r.json");
        (await Run(log, "--json", json)).ShouldBe(0);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        doc.RootElement.GetProperty("summary").GetProperty("events").GetInt64().ShouldBe(2);
        doc.RootElement.GetProperty("summary").GetProperty("bad_lines").GetInt64().ShouldBe(2);
        doc.RootElement.GetProperty("parse_errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt64()).ShouldBe([2L, 3L]);
    }
}
