using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Tiles;

public sealed class GroupCommitTests
{
    [Theory]
    [InlineData(1024, 300)]
    [InlineData(256, 200)]
    [InlineData(1024, 1)]
    public void ConcurrentAppenders_EachGetsItsOwnIndicesAndTheLogVerifies(int maxBatch, int perCall)
    {
        string folder = TestLogs.TempFolder();
        var store = new FileTileStore(folder);
        var writer = TileLogWriter.Open(store, TestLogs.Signer, TestLogs.Signer.Verifier(), new TileLogOptions { MaxBatch = maxBatch });
        var batches = Enumerable.Range(0, 120).Select(b => TestLogs.Entries(b * perCall, perCall)).ToArray();
        var firsts = new ulong[batches.Length];
        int next = -1;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Length) firsts[i] = writer.Append(batches[i]);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        writer.Size.ShouldBe((ulong)(120 * perCall));
        writer.Counters.Calls.ShouldBe(120);
        writer.Counters.Commits.ShouldBeLessThanOrEqualTo(writer.Counters.Batches);
        firsts.Distinct().Count().ShouldBe(batches.Length);
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Problems.ShouldBeEmpty();
        var tree = new TileTree(store, writer.Size);
        for (int b = 0; b < batches.Length; b++)
        {
            tree.LeafHash(firsts[b]).ShouldBe(Ensuresec.Ledger.Merkle.TreeHasher.HashLeaf(batches[b][0]));
            tree.LeafHash(firsts[b] + (ulong)perCall - 1).ShouldBe(Ensuresec.Ledger.Merkle.TreeHasher.HashLeaf(batches[b][perCall - 1]));
        }

        writer.Dispose();
        TestLogs.Open(store).Size.ShouldBe((ulong)(120 * perCall));
    }

    [Fact]
    public async Task OneCallerWithBatchesInFlight_GetsThemAppendedInItsOrder_AndCommitsAreShared()
    {
        string folder = TestLogs.TempFolder();
        var store = new FileTileStore(folder);
        using var writer = TestLogs.Open(store);
        var tasks = new List<Task<ulong>>();
        for (int b = 0; b < 60; b++) tasks.Add(writer.AppendAsync(TestLogs.Entries(b * 50, 50)));
        var firsts = await Task.WhenAll(tasks);
        firsts.ShouldBe(Enumerable.Range(0, 60).Select(b => (ulong)(b * 50)));
        writer.Size.ShouldBe(3_000UL);
        writer.RootHash.ShouldBe(TestLogs.NaiveRoot(3_000));
        writer.Counters.Commits.ShouldBeLessThan(60);
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void ManyCallersWaitingOnOneFsync_ShareCommits()
    {
        // 16 threads each append one entry 40 times: while one fsync runs the others queue, so commits < calls.
        string folder = TestLogs.TempFolder();
        using var writer = TestLogs.Open(new FileTileStore(folder));
        var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 40; i++) writer.Append([TestLogs.Entry((t * 1000) + i)]);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        writer.Size.ShouldBe(640UL);
        writer.Counters.Calls.ShouldBe(640);
        writer.Counters.Commits.ShouldBeLessThan(640);
        writer.Counters.Batches.ShouldBeLessThan(640);
    }
}
