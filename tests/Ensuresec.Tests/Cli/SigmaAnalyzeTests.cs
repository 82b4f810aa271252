using System.Text.Json;
using Ensuresec.Cli.Commands;
using Ensuresec.Tests.Support;

namespace Ensuresec.Tests.Cli;

/// <summary>Sigma rules configured in ensuresec.yaml firing end to end through `ensuresec analyze` on an access log.</summary>
public sealed class SigmaAnalyzeTests : IDisposable
{
    private const string OwnRule = """
        title: Checkout coupon brute force tool
        id: 0d6e3c55-2f5e-4c77-9a55-1c0f2b7a9e01
        level: critical
        tags: [attack.credential-access, attack.t1110.001]
        logsource: {category: webserver}
        detection:
          tool:
            c-useragent|contains: 'couponcracker'
          path:
            cs-uri-stem|startswith: '/checkout/coupon'
          condition: tool and path
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-sigma-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<int> Run(params string[] args) => AnalyzeCommand.Create().Parse(args).InvokeAsync();

    private string Config(params string[] folders)
    {
        string path = Path.Combine(_dir, "ensuresec.yaml");
        File.WriteAllText(path, "detectors:\n  sigma:\n    rules:\n" + string.Concat(folders.Select(f => $"      - '{f}'\n")));
        return path;
    }

    [Fact]
    public async Task Analyze_WithSigmaFolders_RulesFireAndBadRulesAreReported()
    {
        string rules = Directory.CreateDirectory(Path.Combine(_dir, "rules")).FullName;
        await File.WriteAllTextAsync(Path.Combine(rules, "coupon.yml"), OwnRule);
        await File.WriteAllTextAsync(Path.Combine(rules, "broken.yml"), "title: broken\nlogsource: {category: webserver}\ndetection:\n  s:\n    c-uri|fuzzy: x\n  condition: s\n");
        string log = Path.Combine(_dir, "access.log");
        await File.WriteAllLinesAsync(log,
        [
            "198.51.100.20 - - [02/Mar/2026:10:00:00 +0000] \"GET /shop/product/42?color=blue HTTP/1.1\" 200 5120 \"https://shop.example/\" \"Mozilla/5.0 (X11; Linux x86_64)\"",
            "198.51.100.21 - - [02/Mar/2026:10:00:01 +0000] \"GET /download?file=../../../../etc/passwd HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"",
            "198.51.100.22 - - [02/Mar/2026:10:00:02 +0000] \"POST /checkout/coupon/apply HTTP/1.1\" 200 64 \"-\" \"CouponCracker/2.1\"",
            "198.51.100.22 - - [02/Mar/2026:10:00:03 +0000] \"POST /checkout/coupon/apply HTTP/1.1\" 200 64 \"-\" \"CouponCracker/2.1\"",
            "198.51.100.23 - - [02/Mar/2026:10:00:04 +0000] \"GET /account HTTP/1.1\" 200 64 \"-\" \"CouponCracker/2.1\"",
        ]);
        string json = Path.Combine(_dir, "report.json");

        (await Run(log, "--config", Config(rules, SharedData.PathOf("sigma-web/rules/web")), "--json", json, "--no-progress")).ShouldBe(0);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var sigma = doc.RootElement.GetProperty("sigma");
        sigma.GetProperty("running").GetInt32().ShouldBe(17); // 16 SigmaHQ webserver rules in rules/web, and ours
        var bad = sigma.GetProperty("not_loaded").EnumerateArray().ShouldHaveSingleItem();
        bad.GetProperty("file").GetString().ShouldBe(Path.Combine(rules, "broken.yml"));
        bad.GetProperty("reason").GetString()!.ShouldContain("modifier 'fuzzy' is not supported");

        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("detector").GetString() == "sigma").ToList();
        findings.Select(f => f.GetProperty("rule_id").GetString()).ShouldBe(["7745c2ea-24a5-4290-b680-04359cb84b35", "0d6e3c55-2f5e-4c77-9a55-1c0f2b7a9e01"], ignoreOrder: true);
        var own = findings.Single(f => f.GetProperty("rule_id").GetString() == "0d6e3c55-2f5e-4c77-9a55-1c0f2b7a9e01");
        own.GetProperty("severity").GetString().ShouldBe("critical");
        own.GetProperty("technique").GetString().ShouldBe("T1110.001");
        own.GetProperty("explanation").GetString()!.ShouldContain("c-useragent \"CouponCracker/2.1\"");
        own.GetProperty("evidence_count").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Analyze_SigmaFolderMissing_IsBadUsage()
    {
        string log = Path.Combine(_dir, "a.log");
        await File.WriteAllTextAsync(log, "");
        (await Run(log, "--config", Config(Path.Combine(_dir, "no-such-folder")), "--no-progress")).ShouldBe(2);
    }
}
