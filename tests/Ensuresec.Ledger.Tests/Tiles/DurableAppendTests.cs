using System.Buffers.Binary;
using System.Text;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Tests.Merkle;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Tiles;

/// <summary>The fast durable path: the compact range, rooted write-ahead records, spare files, and what readers see while appends run.</summary>
public sealed class DurableAppendTests
{
    [Fact]
    public void RightEdge_RootAndFullTilesMatchTheNaiveTreeAtEverySize_AndALoadedEdgeContinuesTheSame()
    {
        var edge = new RightEdge();
        var full = new List<KeyValuePair<string, byte[]>>();
        var leaves = new List<byte[]>();
        for (int i = 0; i < 1_100; i++)
        {
            edge.Add(TestLogs.Entry(i), full, []);
            leaves.Add(TreeHasher.HashLeaf(TestLogs.Entry(i)));
            if (i < 300 || i % 97 == 0) edge.Root().ShouldBe(NaiveTree.Mth(leaves, 0, leaves.Count), $"size {i + 1}");
        }

        // Four full level-0 tiles and four full bundles: each tile is the leaf hashes of its 256 entries.
        full.Select(f => f.Key).ShouldBe(["tile/0/000", "tile/entries/000", "tile/0/001", "tile/entries/001", "tile/0/002", "tile/entries/002", "tile/0/003", "tile/entries/003"]);
        full[2].Value.ShouldBe(leaves.Skip(256).Take(256).SelectMany(h => h).ToArray());

        // A snapshot of the edge (partial hashes, bundle entries) gives the same tree from there on.
        var loaded = new RightEdge();
        loaded.Load(edge.Size, edge.PartialHashes(), edge.BundleEntries).ShouldBeTrue();
        loaded.Root().ShouldBe(edge.Root());
        for (int i = 1_100; i < 1_400; i++)
        {
            edge.Add(TestLogs.Entry(i), [], []);
            loaded.Add(TestLogs.Entry(i), [], []);
        }

        loaded.Root().ShouldBe(edge.Root());
        loaded.Root().ShouldBe(TestLogs.NaiveRoot(1_400));
    }

    [Fact]
    public void RightEdge_LoadRefusesPartialsThatDoNotFitTheSize()
    {
        var edge = new RightEdge();
        for (int i = 0; i < 300; i++) edge.Add(TestLogs.Entry(i), [], []);
        var loaded = new RightEdge();
        loaded.Load(301, edge.PartialHashes(), edge.BundleEntries).ShouldBeFalse();
        var wrongBundle = edge.BundleEntries.ToList();
        wrongBundle[3] = TestLogs.Entry(9_999);
        loaded.Load(300, edge.PartialHashes(), wrongBundle).ShouldBeFalse();
    }

    [Fact]
    public void WhileAppendsRun_EveryLatestCheckpointAReaderSeesVerifiesWithItsFiles()
    {
        string folder = TestLogs.TempFolder();
        var store = new FileTileStore(folder);
        using var writer = TileLogWriter.Open(store, TestLogs.Signer, TestLogs.Signer.Verifier(), new TileLogOptions { MaxBatch = 100 });
        var done = false;
        int checkedSizes = 0;
        var problems = new List<string>();
        var reader = new Thread(() =>
        {
            ulong seen = ulong.MaxValue;
            while (!Volatile.Read(ref done))
            {
                var bytes = File.ReadAllBytes(Path.Combine(folder, TileLogWriter.LatestPath));
                var opened = SignedCheckpoint.Open(bytes, TestLogs.Signer.Name, TestLogs.Signer.Verifier(), null, TileLogWriter.LatestPath);
                if (!opened.Ok)
                {
                    problems.Add(opened.Error!);
                    continue;
                }

                var cp = opened.Value.Checkpoint;
                if (cp.Size == seen) continue;
                seen = cp.Size;
                checkedSizes++;

                try
                {
                    // What a client does with a checkpoint: the root from the tiles it names, the last entry from its bundle.
                    var tree = new TileTree(new FileTileStore(folder), cp.Size);
                    if (!tree.Root().AsSpan().SequenceEqual(cp.RootHash)) problems.Add($"size {cp.Size}: the tiles do not give its root");
                    if (cp.Size == 0) continue;
                    ulong last = cp.Size - 1;
                    var bundle = TileReads.ReadBundle(new FileTileStore(folder), last / 256, (int)((last % 256) + 1));
                    var entries = bundle is null ? null : EntryBundle.Parse(bundle, last - (last % 256)).Value;
                    if (entries is null || !TreeHasher.HashLeaf(entries[^1]).AsSpan().SequenceEqual(tree.LeafHash(last))) problems.Add($"size {cp.Size}: the last entry's bundle is missing or wrong");
                }
                catch (Exception ex) when (ex is LedgerDataException or IOException or ArgumentException)
                {
                    problems.Add($"size {cp.Size}: {ex.Message}");
                }
            }
        });
        reader.Start();
        var appenders = Enumerable.Range(0, 3).Select(t => new Thread(() =>
        {
            for (int b = 0; b < 30; b++) writer.Append(TestLogs.Entries((t * 100_000) + (b * 37), 37));
        })).ToList();
        appenders.ForEach(a => a.Start());
        appenders.ForEach(a => a.Join());
        Volatile.Write(ref done, true);
        reader.Join();
        problems.ShouldBeEmpty();
        checkedSizes.ShouldBeGreaterThan(1);
        writer.Size.ShouldBe(3UL * 30 * 37);
    }

    [Fact]
    public void APartialTileAboveLevelZero_IsWrittenOnceAndNotRewrittenByLaterCommits()
    {
        // Sizes 300 and 400 share tile/1/000.p/1: rewriting it in place would leave it empty for a moment under a checkpoint that covers it.
        string folder = TestLogs.TempFolder();
        using var writer = TestLogs.Open(new FileTileStore(folder));
        writer.Append(TestLogs.Entries(0, 300));
        string partial = Path.Combine(folder, "tile", "1", "000.p", "1");
        var written = File.GetLastWriteTimeUtc(partial);
        Thread.Sleep(30);
        writer.Append(TestLogs.Entries(300, 100));
        File.GetLastWriteTimeUtc(partial).ShouldBe(written);
        LogVerifier.Verify(new FileTileStore(folder), 400, writer.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void SupersededPartialTiles_BecomeSpareFilesThatLaterFilesReuse()
    {
        string folder = TestLogs.TempFolder();
        var store = new FileTileStore(folder, spareGrace: TimeSpan.Zero);
        using var writer = TestLogs.Open(store);
        for (int at = 0; at < 600; at += 100) writer.Append(TestLogs.Entries(at, 100));

        // Partials of tile 0 and bundle 0 (sizes 100, 200) were retired when their full versions arrived.
        Directory.Exists(Path.Combine(folder, "tile", "0", "000.p")).ShouldBeFalse();
        Directory.Exists(Path.Combine(folder, "tile", "entries", "000.p")).ShouldBeFalse();
        string spare = Path.Combine(folder, SpareFiles.FolderPath);
        var before = Directory.EnumerateFileSystemEntries(spare).ToHashSet();
        before.Count.ShouldBeGreaterThan(0);

        for (int at = 600; at < 1_500; at += 100) writer.Append(TestLogs.Entries(at, 100));
        before.ShouldContain(p => !Path.Exists(p));
        LogVerifier.Verify(store, 1_500, writer.RootHash).Problems.ShouldBeEmpty();
        writer.RootHash.ShouldBe(TestLogs.NaiveRoot(1_500));

        // A recycled file keeps none of its old bytes: every tile and bundle has exactly its length.
        foreach (string file in Directory.EnumerateFiles(Path.Combine(folder, "tile"), "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var parsed = TilePaths.Parse(rel);
            parsed.Ok.ShouldBeTrue(rel);
            if (!parsed.Value.IsEntries) new FileInfo(file).Length.ShouldBe(parsed.Value.Width * 32L, rel);
        }
    }

    [Fact]
    public void AnOlderSegmentRecordWithItsSignedCheckpoint_IsStillReplayed()
    {
        string folder = TestLogs.TempFolder();
        TestLogs.Open(new FileTileStore(folder)).Dispose();
        string segment = Directory.GetFiles(Path.Combine(folder, "state", "wal")).Single();

        // The format written before rooted records: first index, entries, and the signed checkpoint after them.
        var entries = TestLogs.Entries(0, 60);
        string note = SignedNote.Sign(new Checkpoint(TestLogs.Signer.Name, 60, TestLogs.NaiveRoot(60)).Format(), [TestLogs.Signer]);
        AppendRecord(segment, (byte)'B', WriteAheadLog.EncodeBatch(0, entries, note));
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe(60UL);
        reopened.LatestNote.ShouldBe(note);
        LogVerifier.Verify(new FileTileStore(folder), 60, reopened.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void ARootedRecordWithoutTheLogsMac_IsNotReplayedEvenWithTheRightRoot()
    {
        // Someone who can write the folder but not read the key adds a batch whose root is right: its MAC gives it away.
        string folder = TestLogs.TempFolder();
        TestLogs.Open(new FileTileStore(folder)).Dispose();
        string segment = Directory.GetFiles(Path.Combine(folder, "state", "wal")).Single();
        var forged = WriteAheadLog.EncodeRootedBatch(0, TestLogs.Entries(0, 20), TestLogs.NaiveRoot(20), new byte[32]);
        using (var stream = new FileStream(segment, FileMode.Append)) stream.Write(forged);
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe(0UL);
        LogVerifier.Verify(new FileTileStore(folder), 0, reopened.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void AcknowledgedEntries_SurviveAWriterThatIsNeverClosed_AndAreInTheNextCheckpoint()
    {
        // No Dispose: like a kill after the returns. The latest checkpoint already covers them; reopening replays the segment.
        string folder = TestLogs.TempFolder();
        var writer = TestLogs.Open(new FileTileStore(folder));
        for (int at = 0; at < 1_000; at += 250) writer.Append(TestLogs.Entries(at, 250));
        var latest = File.ReadAllText(Path.Combine(folder, TileLogWriter.LatestPath));
        latest.ShouldBe(writer.LatestNote);
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe(1_000UL);
        reopened.RootHash.ShouldBe(TestLogs.NaiveRoot(1_000));
        reopened.Append(TestLogs.Entries(1_000, 1)).ShouldBe(1_000UL);
        LogVerifier.Verify(new FileTileStore(folder), 1_001, reopened.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Replace_SwapsTheCheckpointInOneStep_AndAReaderOfTheOldVersionStillReadsItWhole()
    {
        string folder = TestLogs.TempFolder();
        var store = new FileTileStore(folder);
        string latest = Path.Combine(folder, "state", "latest");
        store.Replace("state/latest", Encoding.UTF8.GetBytes("one\n"));
        using var reader = File.OpenHandle(latest, FileMode.Open, FileAccess.Read);

        // Two more versions at once: the first one's file rests under a companion name and is not overwritten yet.
        store.Replace("state/latest", Encoding.UTF8.GetBytes("two, longer\n"));
        store.Replace("state/latest", Encoding.UTF8.GetBytes("3\n"));
        var old = new byte[64];
        int read = RandomAccess.Read(reader, old, 0);
        Encoding.UTF8.GetString(old, 0, read).ShouldBe("one\n");
        File.ReadAllText(latest).ShouldBe("3\n");
        Directory.GetFiles(Path.Combine(folder, "state"), ".latest.*").Length.ShouldBe(2);

        // A new store (a new process) takes the companions left behind, rested already.
        new FileTileStore(folder).Replace("state/latest", Encoding.UTF8.GetBytes("four\n"));
        File.ReadAllText(latest).ShouldBe("four\n");
        Directory.GetFiles(Path.Combine(folder, "state"), ".latest.*").Length.ShouldBe(2);
    }

    private static void AppendRecord(string segment, byte kind, byte[] payload)
    {
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)payload.Length);
        header[4] = kind;
        using var stream = new FileStream(segment, FileMode.Append);
        stream.Write(header);
        stream.Write(payload);
    }
}
