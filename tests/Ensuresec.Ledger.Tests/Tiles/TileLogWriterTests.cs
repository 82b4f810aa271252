using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Tiles;

public sealed class TileLogWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(255, 7)]
    [InlineData(256, 256)]
    [InlineData(257, 100)]
    [InlineData(1000, 333)]
    [InlineData(70_000, 1024)]
    public void Append_InBatches_RootMatchesTheNaiveTreeAndTheLogVerifies(int count, int batch)
    {
        var store = new MemoryTileStore();
        var writer = TestLogs.Open(store);
        for (int at = 0; at < count; at += batch) writer.Append(TestLogs.Entries(at, Math.Min(batch, count - at))).ShouldBe((ulong)at);
        writer.Size.ShouldBe((ulong)count);
        writer.RootHash.ShouldBe(TestLogs.NaiveRoot(count));
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Problems.ShouldBeEmpty();
        var tree = new TileTree(store, writer.Size);
        foreach (ulong index in new ulong[] { 0, (ulong)count / 2, (ulong)count - 1 })
        {
            ProofVerifier.VerifyInclusion(index, writer.Size, TreeHasher.HashLeaf(TestLogs.Entry((int)index)), tree.Inclusion(index), writer.RootHash).ShouldBeNull();
        }
    }

    [Fact]
    public void Append_TreeOf70000_HasTheTilesTheSpecListsAndNoLeftoverPartials()
    {
        var store = new MemoryTileStore();
        var writer = TestLogs.Open(store);
        for (int at = 0; at < 70_000; at += 1000) writer.Append(TestLogs.Entries(at, Math.Min(1000, 70_000 - at)));
        store.Files.Keys.Count(k => k.StartsWith("tile/0/", StringComparison.Ordinal) && !k.Contains(".p", StringComparison.Ordinal)).ShouldBe(273);
        store.Read("tile/0/273.p/112").ShouldNotBeNull();
        store.Read("tile/1/000").ShouldNotBeNull();
        store.Read("tile/1/001.p/17").ShouldNotBeNull();
        store.Read("tile/2/000.p/1").ShouldNotBeNull();
        store.Files.Keys.Count(k => k.StartsWith("tile/0/000.p", StringComparison.Ordinal)).ShouldBe(0);
    }

    [Fact]
    public void Reopen_ContinuesWithTheSameTree()
    {
        string folder = TestLogs.TempFolder();
        var first = TestLogs.Open(new FileTileStore(folder));
        first.Append(TestLogs.Entries(0, 300));
        var second = TestLogs.Open(new FileTileStore(folder));
        second.Size.ShouldBe(300UL);
        second.Append(TestLogs.Entries(300, 300));
        second.RootHash.ShouldBe(TestLogs.NaiveRoot(600));
        LogVerifier.Verify(new FileTileStore(folder), 600, second.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void CrashBeforeTheCheckpoint_LeavesTheOldSizeValidAndReopeningRemovesTheLeftovers()
    {
        var store = new CrashingStore();
        var writer = TestLogs.Open(store);
        writer.Append(TestLogs.Entries(0, 250));
        var root250 = writer.RootHash;
        store.FailOnCheckpoint = true;
        Should.Throw<IOException>(() => writer.Append(TestLogs.Entries(250, 300)));
        store.Inner.Read("tile/0/000").ShouldNotBeNull();
        LogVerifier.Verify(store.Inner, 250, root250).Problems.ShouldBeEmpty();

        store.FailOnCheckpoint = false;
        store.Dead = false;
        var reopened = TestLogs.Open(store);
        reopened.Size.ShouldBe(250UL);
        store.Inner.Read("tile/0/000").ShouldBeNull();
        store.Inner.Read("tile/0/001.p/38").ShouldBeNull();
        reopened.Append(TestLogs.Entries(250, 10));
        reopened.RootHash.ShouldBe(TestLogs.NaiveRoot(260));
        LogVerifier.Verify(store.Inner, 260, reopened.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void FailedWrite_TheSameWriterGoesOnFromWhatIsOnDisk()
    {
        var store = new CrashingStore();
        var writer = TestLogs.Open(store);
        writer.Append(TestLogs.Entries(0, 100));
        store.FailOnCheckpoint = true;
        Should.Throw<IOException>(() => writer.Append(TestLogs.Entries(100, 300)));
        store.FailOnCheckpoint = false;
        store.Dead = false;
        writer.Append(TestLogs.Entries(100, 300)).ShouldBe(100UL);
        writer.RootHash.ShouldBe(TestLogs.NaiveRoot(400));
        LogVerifier.Verify(store.Inner, 400, writer.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void TransientFailure_WriterReturnsAtOnceToTheCommittedState()
    {
        var store = new CrashingStore { DieOnFailure = false };
        var writer = TestLogs.Open(store);
        writer.Append(TestLogs.Entries(0, 100));
        store.FailOnCheckpoint = true;
        Should.Throw<IOException>(() => writer.Append(TestLogs.Entries(100, 300)));
        writer.Size.ShouldBe(100UL);
        store.Inner.Read("tile/0/000").ShouldBeNull();
        store.FailOnCheckpoint = false;
        writer.Append(TestLogs.Entries(100, 1)).ShouldBe(100UL);
        writer.RootHash.ShouldBe(TestLogs.NaiveRoot(101));
    }

    [Fact]
    public void Append_OversizedEntry_IsRefusedAndNothingIsWritten()
    {
        var store = new MemoryTileStore();
        var writer = TestLogs.Open(store);
        Should.Throw<ArgumentException>(() => writer.Append([new byte[3], new byte[70_000]]));
        writer.Size.ShouldBe(0UL);
        store.Files.Keys.ShouldNotContain(k => k.StartsWith("tile/", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_TamperedRightEdge_IsRefusedWithAClearError()
    {
        var store = new MemoryTileStore();
        TestLogs.Open(store).Append(TestLogs.Entries(0, 10));
        store.Files["tile/0/000.p/10"][5] ^= 1;
        Should.Throw<LedgerDataException>(() => TestLogs.Open(store)).Message.ShouldContain("right edge");
    }

    [Fact]
    public void AFailedCommitAmongConcurrentAppenders_FailsTheBatchesBuiltOnIt_AndEveryReturnedAppendIsInTheLog()
    {
        // Calls of a whole batch each, so the next batches are hashed while the failing commit runs.
        var store = new CrashingStore { DieOnFailure = false, FailCheckpointNumber = 12 };
        using var writer = TileLogWriter.Open(store, TestLogs.Signer, TestLogs.Signer.Verifier(), new TileLogOptions { MaxBatch = 10 });
        var returned = new System.Collections.Concurrent.ConcurrentBag<(ulong First, byte[] Entry, int Count)>();
        int failures = 0;
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 30; i++)
            {
                var batch = TestLogs.Entries((t * 100_000) + (i * 10), 10);
                try
                {
                    returned.Add((writer.Append(batch), batch[0], batch.Count));
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        failures.ShouldBeGreaterThan(0);
        writer.Size.ShouldBe((ulong)returned.Sum(r => r.Count));
        LogVerifier.Verify(store.Inner, writer.Size, writer.RootHash).Problems.ShouldBeEmpty();
        var tree = new TileTree(store.Inner, writer.Size);
        foreach (var (first, entry, _) in returned) tree.LeafHash(first).ShouldBe(Ensuresec.Ledger.Merkle.TreeHasher.HashLeaf(entry));
    }

    [Fact]
    public async Task BatchesInFlightBehindAFailedOne_FailToo_AndTheWriterGoesOnFromTheCommittedState()
    {
        var store = new CrashingStore { DieOnFailure = false };
        using var writer = TestLogs.Open(store);
        writer.Append(TestLogs.Entries(0, 10));
        store.FailOnCheckpoint = true;
        var tasks = Enumerable.Range(1, 5).Select(b => writer.AppendAsync(TestLogs.Entries(b * 10, 10))).ToList();
        foreach (var t in tasks) await Should.ThrowAsync<IOException>(t);
        store.FailOnCheckpoint = false;
        writer.Size.ShouldBe(10UL);
        (await writer.AppendAsync(TestLogs.Entries(10, 5))).ShouldBe(10UL);
        writer.RootHash.ShouldBe(TestLogs.NaiveRoot(15));
        LogVerifier.Verify(store.Inner, 15, writer.RootHash).Problems.ShouldBeEmpty();
    }

    /// <summary>A store whose process "dies" at the checkpoint write: that write and everything after it fail until revived.</summary>
    private sealed class CrashingStore : ITileStore
    {
        public MemoryTileStore Inner { get; } = new();

        public bool FailOnCheckpoint { get; set; }

        public bool Dead { get; set; }

        public bool DieOnFailure { get; set; } = true;

        /// <summary>When set, only this checkpoint write (counted from 1) fails, once.</summary>
        public int FailCheckpointNumber { get; set; }

        private int _checkpoints;

        public byte[]? Read(string path) => Alive(() => Inner.Read(path));

        public void WriteAll(IReadOnlyCollection<KeyValuePair<string, byte[]>> files)
        {
            Alive(() => 0);
            bool checkpoint = files.Any(f => f.Key == TileLogWriter.LatestPath);
            if (checkpoint && Interlocked.Increment(ref _checkpoints) == FailCheckpointNumber) throw new IOException("simulated failure");
            if (FailOnCheckpoint && checkpoint)
            {
                Dead = DieOnFailure;
                throw new IOException("simulated crash");
            }

            Inner.WriteAll(files);
        }

        public void WriteCached(IReadOnlyCollection<KeyValuePair<string, byte[]>> files) => WriteAll(files);

        public void SyncAll() => Alive(() => 0);

        public void Delete(string path) => Alive(() => { Inner.Delete(path); return 0; });

        public bool Exists(string path) => Alive(() => Inner.Exists(path));

        public IReadOnlyList<string> List(string folder) => Alive(() => Inner.List(folder));

        private T Alive<T>(Func<T> action) => Dead ? throw new IOException("the store is gone") : action();
    }
}
