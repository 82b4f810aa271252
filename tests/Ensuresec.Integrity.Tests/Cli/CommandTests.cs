using System.Diagnostics;
using System.Text.Json;

namespace Ensuresec.Integrity.Tests.Cli;

/// <summary>The commands as a user runs them: the built ensuresec.dll in a child process, exit codes and JSON.</summary>
public sealed class CommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ensuresec.dll"));
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).ShouldBeTrue();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Inspect_SkimmerFolderAsJson_ExitsOneWithParseableFindings()
    {
        var (exit, output, _) = Run("inspect", Path.Combine(AppContext.BaseDirectory, "Samples", "skimmers"), "--json", "--origin", "shop.example");
        exit.ShouldBe(1);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("files_inspected").GetInt32().ShouldBeGreaterThan(5);
        doc.RootElement.GetProperty("files").EnumerateArray().SelectMany(f => f.GetProperty("findings").EnumerateArray())
            .Select(f => f.GetProperty("rule_id").GetString()).ShouldContain("ES-SHOP-001");
    }

    [Fact]
    public void Inspect_BenignFile_ExitsZero_MissingPathExitsTwo()
    {
        Run("inspect", Path.Combine(AppContext.BaseDirectory, "Samples", "benign", "checkout-validation.js")).Exit.ShouldBe(0);
        Run("inspect", "/no/such/path").Exit.ShouldBe(2);
        Run("inspect", "x.js", "--fail-on", "severe").Exit.ShouldBe(2);
    }

    [Fact]
    public void Inspect_BadRulesFile_ExitsTwoNamingTheRule()
    {
        string rules = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(rules, "rules:\n  - id: MY-1\n    severity: awful\n    all: [exfil-beacon]\n");
        try
        {
            var (exit, _, err) = Run("inspect", AppContext.BaseDirectory, "--rules", rules);
            exit.ShouldBe(2);
            err.ShouldContain("MY-1");
            err.ShouldContain("severity");
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Fact]
    public void IntegrityAndComponentsAndPages_BadUsage_ExitsTwo()
    {
        Run("integrity", "scan", "--store", "/no/such/store").Exit.ShouldBe(2);
        Run("components", "audit", "--osv", "/no/such.json").Exit.ShouldBe(2);
        Run("pages", "watch", "--url", "ftp://x").Exit.ShouldBe(2);
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("integrity")]
    [InlineData("components")]
    [InlineData("pages")]
    public void Help_IsThereForEveryCommand(string command)
    {
        var (exit, output, _) = Run(command, "--help");
        exit.ShouldBe(0);
        output.ShouldContain("Usage");
    }
}
