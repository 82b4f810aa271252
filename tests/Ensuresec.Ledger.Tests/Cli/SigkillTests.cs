using System.Diagnostics;
using System.Text.Json;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Tests.Tiles;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Cli;

/// <summary>
/// Kills the real appending process (`ledger append -`) with SIGKILL at random moments: every time, the log verifies
/// and every entry whose batch was acknowledged is there, at the index it was given.
/// </summary>
public sealed class SigkillTests
{
    [Fact]
    public async Task KillNineWhileAppending_LogVerifiesAndNoAcknowledgedEntryIsLost()
    {
        string dir = Path.Combine(TestLogs.TempFolder(), "ledger");
        (await Cli.RunAsync(null, "ledger", "init", "--data", dir)).Exit.ShouldBe(0);
        var random = new Random(20261122);
        var acknowledged = new Dictionary<ulong, (int Round, long Line)>();
        int kills = 0;
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < 24 && clock.Elapsed < TimeSpan.FromSeconds(45); round++)
        {
            using var p = Process.Start(Cli.StartInfo("ledger", "append", "--data", dir, "-", "--json"))!;
            var feeding = Feed(p, round);
            int thisRound = round;
            var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var acks = Task.Run(async () =>
            {
                ulong? roundStart = null;
                string? line;
                while ((line = await p.StandardOutput.ReadLineAsync()) is not null)
                {
                    using var doc = JsonDocument.Parse(line);
                    ulong first = doc.RootElement.GetProperty("first").GetUInt64();
                    int count = doc.RootElement.GetProperty("count").GetInt32();
                    roundStart ??= first;
                    firstAck.TrySetResult();
                    lock (acknowledged)
                    {
                        for (int i = 0; i < count; i++) acknowledged[first + (ulong)i] = (thisRound, (long)(first + (ulong)i - roundStart.Value));
                    }
                }
            });
            // Kill while batches are being written: after the first acknowledgement (process start varies with load), at a random moment.
            await Task.WhenAny(firstAck.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            await Task.Delay(random.Next(0, 400));
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                kills++;
            }

            await p.WaitForExitAsync();
            await acks;
            await feeding.ContinueWith(_ => { }, TaskScheduler.Default);

            var opened = LedgerFolder.Open(dir);
            opened.Ok.ShouldBeTrue(opened.Error);
            using var folder = opened.Value;
            var latest = folder.Latest();
            latest.Ok.ShouldBeTrue(latest.Error);
            ulong size = latest.Value.Checkpoint.Size;
            LogVerifier.Verify(folder.Store, size, latest.Value.Checkpoint.RootHash).Problems.ShouldBeEmpty($"round {round}");
            lock (acknowledged)
            {
                if (acknowledged.Count > 0) acknowledged.Keys.Max().ShouldBeLessThan(size, $"round {round}: an acknowledged entry is missing");
            }

            // Reopening for appends replays the write-ahead segment: never behind what was acknowledged, and still verifies.
            if (round % 6 == 5)
            {
                var writer = folder.Writer();
                writer.Ok.ShouldBeTrue(writer.Error);
                writer.Value.Size.ShouldBeGreaterThanOrEqualTo(size, $"round {round}");
                LogVerifier.Verify(folder.Store, writer.Value.Size, writer.Value.RootHash).Problems.ShouldBeEmpty($"round {round}, after replay");
            }
        }

        kills.ShouldBeGreaterThan(10);
        acknowledged.Count.ShouldBeGreaterThan(0);

        // Every acknowledged entry is the line that was sent for its index.
        var final = LedgerFolder.Open(dir).Value!;
        using (final)
        {
            var tree = final.Latest().Value!.Checkpoint;
            for (ulong bundle = 0; bundle * 256 < tree.Size; bundle++)
            {
                int width = (int)Math.Min(256, tree.Size - (bundle * 256));
                var entries = EntryBundle.Parse(TileReads.ReadBundle(final.Store, bundle, width)!, bundle * 256).Value!;
                for (int i = 0; i < entries.Count; i++)
                {
                    if (!acknowledged.TryGetValue((bundle * 256) + (ulong)i, out var sent)) continue;
                    using var doc = JsonDocument.Parse(entries[i]);
                    doc.RootElement.GetProperty("round").GetInt32().ShouldBe(sent.Round);
                    doc.RootElement.GetProperty("line").GetInt64().ShouldBe(sent.Line);
                }
            }
        }
    }

    private static async Task Feed(Process p, int round)
    {
        try
        {
            for (int i = 0; i < 200_000; i++)
            {
                await p.StandardInput.WriteAsync($"{{\"round\":{round},\"line\":{i},\"pad\":\"{new string('x', 200)}\"}}\n");
                if (i % 100 == 0) await p.StandardInput.FlushAsync();
            }

            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process was killed while we were writing.
        }
    }
}
