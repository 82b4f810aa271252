using System.CommandLine;
using System.Text.Json;
using Ensuresec.Cli.Commands;
using Spectre.Console;

namespace Ensuresec.Tests.Demo;

public sealed class DemoCommandTests
{
    [Theory]
    [InlineData("--seed", "x")]
    [InlineData("--seeds", "0")]
    [InlineData("--seeds", "1001")]
    [InlineData("--scale", "NaN")]
    [InlineData("--scale", "1e308")]
    [InlineData("--scale", "0")]
    [InlineData("--bogus", "1")]
    [InlineData("--scenario", "hospital")]
    public async Task Invoke_BadValue_ExitsWithBadUsage(string option, string value)
    {
        var (code, output) = await InvokeAsync(option, value);
        code.ShouldBe(2);
        output.ShouldContain("error:");
    }

    [Fact]
    public async Task Invoke_OutEventsWithSeveralSeeds_ExitsWithBadUsage()
    {
        var (code, _) = await InvokeAsync("--seeds", "2", "--out-events", Path.Combine(Path.GetTempPath(), "x.ndjson"));
        code.ShouldBe(2);
    }

    [Fact]
    public async Task Invoke_OutEventsWithAllScenarios_ExitsWithBadUsage()
    {
        var (code, _) = await InvokeAsync("--scenario", "all", "--out-events", Path.Combine(Path.GetTempPath(), "x.ndjson"));
        code.ShouldBe(2);
    }

    [Fact]
    public async Task Invoke_BankScenario_PrintsItsScorecardWithTheInsiderCaughtByItsRules()
    {
        string json = Path.Combine(Path.GetTempPath(), $"ensuresec-bank-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output) = await InvokeAsync("--scenario", "bank", "--seed", "2", "--json", json);
            code.ShouldBe(0);
            output.ShouldContain("Bank cyber-physical use case, seed 2");
            output.ShouldContain("B1-atm-skimming");
            output.ShouldContain("B3-insider-refund");
            output.ShouldContain("insider-fraud");
            output.ShouldNotContain("awaits");
            output.ShouldContain("of which false (only benign findings): 0");
            using var score = JsonDocument.Parse(File.ReadAllBytes(json));
            score.RootElement.GetProperty("Attacks").GetArrayLength().ShouldBe(4); // with B4-phishing-takeover
            score.RootElement.GetProperty("BenignIncidents").GetInt32().ShouldBe(0);
            score.RootElement.GetProperty("Attacks").EnumerateArray().ShouldAllBe(a => a.GetProperty("Detected").GetBoolean());
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public async Task Invoke_OneSeed_PrintsScorecardAndWritesEventsAndJson()
    {
        string dir = Directory.CreateTempSubdirectory("ensuresec-demo-").FullName;
        try
        {
            string events = Path.Combine(dir, "events.ndjson");
            string json = Path.Combine(dir, "score.json");
            var (code, output) = await InvokeAsync("--seed", "9", "--scale", "0.02", "--out-events", events, "--json", json);
            code.ShouldBe(0);
            output.ShouldContain("A1-reconnaissance");
            output.ShouldContain("Findings on benign traffic:");
            output.ShouldNotContain("No detectors are wired");
            var lines = File.ReadLines(events).Take(100).ToList();
            lines.Count.ShouldBe(100);
            using (var doc = JsonDocument.Parse(lines[0]))
            {
                doc.RootElement.GetProperty("event").GetProperty("id").GetString().ShouldStartWith("demo-9-");
                doc.RootElement.GetProperty("@timestamp").GetString().ShouldStartWith("2026-03-02T");
            }

            using var score = JsonDocument.Parse(File.ReadAllBytes(json));
            score.RootElement.GetProperty("Attacks").GetArrayLength().ShouldBe(Ensuresec.Demo.Scenario.ScenarioOptions.RetailAttacks.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Invoke_UnwritableJsonPath_ExitsWithBadUsage()
    {
        var (code, output) = await InvokeAsync("--scale", "0.01", "--json", "/nonexistent-dir/x/score.json");
        code.ShouldBe(2);
        output.ShouldContain("cannot write");
    }

    private static async Task<(int Code, string Output)> InvokeAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var root = new RootCommand { DemoCommand.Create(null, console) };
        int code = await root.Parse(["demo", .. args]).InvokeAsync();
        return (code, writer.ToString());
    }
}
