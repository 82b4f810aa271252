using System.Text.Json;
using Ensuresec.Ledger.Tests.Tiles;

namespace Ensuresec.Ledger.Tests.Cli;

public sealed class LedgerCliTests
{
    [Fact]
    public async Task InitAppendCheckpointProveVerifyAudit_WorkEndToEnd()
    {
        string dir = Path.Combine(TestLogs.TempFolder(), "ledger");
        (await Cli.RunAsync(null, "ledger", "init", "--data", dir, "--origin", "test.example/ledger")).Exit.ShouldBe(0);
        string lines = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"{{\"n\":{i}}}")) + "\n\n";
        var append = await Cli.RunAsync(lines, "ledger", "append", "--data", dir, "-", "--json");
        append.Exit.ShouldBe(0, append.Err);
        append.Out.ShouldContain("\"size\":300");
        (await Cli.RunAsync(null, "ledger", "checkpoint", "--data", dir)).Exit.ShouldBe(0);
        string old = Path.Combine(Path.GetDirectoryName(dir)!, "old-checkpoint");
        File.Copy(Path.Combine(dir, "checkpoint"), old);
        (await Cli.RunAsync("{\"n\":300}\n", "ledger", "append", "--data", dir, "-")).Exit.ShouldBe(0);
        (await Cli.RunAsync(null, "ledger", "checkpoint", "--data", dir)).Exit.ShouldBe(0);

        var prove = await Cli.RunAsync(null, "ledger", "prove", "--data", dir, "--index", "7");
        prove.Exit.ShouldBe(0, prove.Err);
        prove.Out.ShouldStartWith("c2sp.org/tlog-proof@v1\nindex 7\n");
        prove.Out.ShouldContain("test.example/ledger\n301\n");

        var verify = await Cli.RunAsync(null, "ledger", "verify", "--data", dir, "--json");
        verify.Exit.ShouldBe(0, verify.Out);
        JsonDocument.Parse(verify.Out).RootElement.GetProperty("verified_size").GetUInt64().ShouldBe(301UL);

        var audit = await Cli.RunAsync(null, "ledger", "audit", old, Path.Combine(dir, "checkpoint"), "--data", dir);
        audit.Exit.ShouldBe(0, audit.Out + audit.Err);
        (await Cli.RunAsync(null, "ledger", "audit", Path.Combine(dir, "checkpoint"), old, "--data", dir)).Exit.ShouldBe(1);

        // One changed byte in an entry: verify fails and names the entry.
        string bundle = Path.Combine(dir, "tile", "entries", "000");
        var bytes = File.ReadAllBytes(bundle);
        bytes[2 + 2] ^= 1;
        File.WriteAllBytes(bundle, bytes);
        var tampered = await Cli.RunAsync(null, "ledger", "verify", "--data", dir);
        tampered.Exit.ShouldBe(1);
        tampered.Out.ShouldContain("entry 0");
    }

    [Fact]
    public async Task BadUsageAndBadInput_ExitTwoWithAClearMessage()
    {
        string dir = Path.Combine(TestLogs.TempFolder(), "ledger");
        var missing = await Cli.RunAsync(null, "ledger", "verify", "--data", dir);
        missing.Exit.ShouldBe(2);
        missing.Err.ShouldContain("not a ledger");
        (await Cli.RunAsync(null, "ledger", "init", "--data", dir, "--origin", "has space")).Exit.ShouldBe(2);
        (await Cli.RunAsync(null, "ledger", "init", "--data", dir)).Exit.ShouldBe(0);
        (await Cli.RunAsync(null, "ledger", "init", "--data", dir)).Exit.ShouldBe(2);
        var beyond = await Cli.RunAsync(null, "ledger", "prove", "--data", dir, "--index", "5");
        beyond.Exit.ShouldBe(2);
        beyond.Err.ShouldContain("beyond");
        (await Cli.RunAsync(null, "ledger", "prove", "--data", dir, "--index", "-1")).Exit.ShouldBe(2);
        (await Cli.RunAsync(null, "ledger", "prove", "--data", dir, "--index", "99999999999999999999999")).Exit.ShouldBe(2);
        var oversized = await Cli.RunAsync("ok\n" + new string('x', 70_000) + "\n", "ledger", "append", "--data", dir, "-");
        oversized.Exit.ShouldBe(2);
        oversized.Err.ShouldContain("-:2");
        (await Cli.RunAsync(null, "ledger", "verify", "--data", dir, "--json")).Out.ShouldContain("\"verified_size\":1");
        (await Cli.RunAsync(null, "ledger", "verify", "--url", "http://127.0.0.1:1/")).Err.ShouldContain("--key");
        File.WriteAllText(Path.Combine(dir, "policy"), "quorum nobody\n");
        var badPolicy = await Cli.RunAsync(null, "ledger", "verify", "--data", dir);
        badPolicy.Exit.ShouldBe(2);
        badPolicy.Err.ShouldContain("line 1");
    }
}
