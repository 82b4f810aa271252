using System.Text;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Tests.Tiles;
using Ensuresec.Ledger.Witness;
using Ensuresec.Server.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Ledger.Tests.Witness;

/// <summary>A ledger and three real witness servers on 127.0.0.1: checkpoints are published only when 2 of 3 cosign.</summary>
public sealed class WitnessHttpTests
{
    [Fact]
    public async Task Checkpoint_IsPublishedOnlyWhenTheQuorumCosigns()
    {
        string root = TestLogs.TempFolder();
        var ledger = LedgerFolder.Init(Path.Combine(root, "ledger"), "shop.example/ledger");
        ledger.Ok.ShouldBeTrue(ledger.Error);
        string logKey = ledger.Value.VerifierKey;
        ledger.Value.Dispose();

        var apps = new List<WebApplication>();
        var policy = new StringBuilder($"log {logKey}\n");
        try
        {
            for (int i = 1; i <= 3; i++)
            {
                string witnessFolder = Path.Combine(root, $"w{i}");
                var vkey = WitnessFolder.Init(witnessFolder, $"w{i}.example");
                vkey.Ok.ShouldBeTrue(vkey.Error);
                var app = WitnessHost.Build(witnessFolder, "http://127.0.0.1:0", [logKey], LogLevel.Warning);
                await app.StartAsync();
                apps.Add(app);
                policy.Append($"witness W{i} {vkey.Value} {app.Urls.First()}\n");
            }

            policy.Append("group G 2 W1 W2 W3\nquorum G\n");
            File.WriteAllText(Path.Combine(root, "ledger", "policy"), policy.ToString());

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var folderResult = LedgerFolder.Open(Path.Combine(root, "ledger"));
            folderResult.Ok.ShouldBeTrue(folderResult.Error);
            using var folder = folderResult.Value;
            var writer = folder.Writer().Value!;
            var publisher = new CheckpointPublisher(folder, new WitnessClient(http));

            writer.Append(TestLogs.Entries(0, 300));
            var first = await publisher.PublishAsync(CancellationToken.None);
            first.Published.ShouldBeTrue(string.Join("; ", first.Failures));
            first.Cosigners.Count.ShouldBe(3);
            folder.Published().Value!.Cosigners.Count.ShouldBe(3);

            // A new publisher (a restarted log) learns each witness's size from its 409 and proves consistency from there.
            writer.Append(TestLogs.Entries(300, 20));
            await apps[2].StopAsync();
            var second = await new CheckpointPublisher(folder, new WitnessClient(http)).PublishAsync(CancellationToken.None);
            second.Published.ShouldBeTrue(string.Join("; ", second.Failures));
            second.Cosigners.ShouldBe(["W1", "W2"], ignoreOrder: true);
            second.Failures.Single().Witness.ShouldBe("W3");
            folder.Published().Value!.Checkpoint.Size.ShouldBe(320UL);

            writer.Append(TestLogs.Entries(320, 1));
            await apps[1].StopAsync();
            var third = await publisher.PublishAsync(CancellationToken.None);
            third.Published.ShouldBeFalse();
            folder.Published().Value!.Checkpoint.Size.ShouldBe(320UL);
            LedgerChecks.VerifyFolder(folder).Ok.ShouldBeTrue();

            // A published checkpoint whose cosignatures fall below the quorum no longer verifies.
            string note = File.ReadAllText(Path.Combine(root, "ledger", "checkpoint"));
            var lines = note.Split('\n').ToList();
            lines.RemoveAt(lines.FindIndex(l => l.StartsWith("\u2014 w2.example", StringComparison.Ordinal)));
            File.WriteAllText(Path.Combine(root, "ledger", "checkpoint"), string.Join('\n', lines));
            LedgerChecks.VerifyFolder(folder).Ok.ShouldBeFalse();
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }
}
