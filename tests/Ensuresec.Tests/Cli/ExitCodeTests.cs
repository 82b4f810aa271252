using System.Diagnostics;
using Ensuresec.Tests.Server;

namespace Ensuresec.Tests.Cli;

/// <summary>The exit codes are a contract with scripts: run the real ensuresec process.</summary>
public class ExitCodeTests
{
    private static async Task<(int Code, string Stderr)> Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(ServerProcess.CliDll());
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = await p.StandardError.ReadToEndAsync();
        await stdout;
        await p.WaitForExitAsync();
        return (p.ExitCode, stderr);
    }

    [Theory]
    [InlineData("keys", "create", "--role", "god")]
    [InlineData("analyze")]
    [InlineData("no-such-command")]
    [InlineData("analyze", "x.log", "--top", "many")]
    public async Task BadUsage_ExitsTwoWithAReason(params string[] args)
    {
        var (code, stderr) = await Run(args);
        code.ShouldBe(2);
        stderr.ShouldContain("--help");
    }

    [Fact]
    public async Task ConfigCheck_ExitsTwoOnAnErrorAndZeroOnTheExample()
    {
        string bad = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(bad, "detectors:\n  scanning:\n    windw: 5m\n");
            var (code, stderr) = await Run("config", "check", "--config", bad);
            code.ShouldBe(2);
            stderr.ShouldContain("detectors.scanning.windw");
        }
        finally
        {
            File.Delete(bad);
        }

        (await Run("config", "check", "--config", Path.Combine(Support.SharedData.RepositoryRoot, "ensuresec.example.yaml"))).Code.ShouldBe(0);
    }

    [Fact]
    public async Task Help_ExitsZero() => (await Run("--help")).Code.ShouldBe(0);
}
