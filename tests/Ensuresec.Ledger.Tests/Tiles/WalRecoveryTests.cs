using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Tiles;

/// <summary>The write-ahead segments: what a crash of the process or of the machine leaves is rebuilt on the next open.</summary>
public sealed class WalRecoveryTests
{
    [Fact]
    public void PowerLoss_FilesWrittenSinceTheSegmentStartAreLostOrTorn_ReopenRebuildsThemFromTheSegment()
    {
        string folder = TestLogs.TempFolder();
        var writer = TestLogs.Open(new FileTileStore(folder));
        writer.Append(TestLogs.Entries(0, 300));
        writer.Dispose();

        // What is on disk for sure: everything flushed when the segment started.
        var flushed = Snapshot(folder);
        var reopened = TestLogs.Open(new FileTileStore(folder));
        for (int at = 300; at < 2_000; at += 170) reopened.Append(TestLogs.Entries(at, Math.Min(170, 2_000 - at)));
        reopened.Size.ShouldBe(2_000UL);

        // "Power loss" without closing: every file not flushed is gone or torn (alternately), the old ones are back.
        int n = 0;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(folder, "tile"), "*", SearchOption.AllDirectories).ToList())
        {
            string rel = Path.GetRelativePath(folder, file);
            if (flushed.ContainsKey(rel)) continue;
            if (n++ % 2 == 0) File.Delete(file);
            else File.WriteAllBytes(file, []);
        }

        foreach (var (rel, bytes) in flushed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, rel))!);
            File.WriteAllBytes(Path.Combine(folder, rel), bytes);
        }
        n.ShouldBeGreaterThan(10);

        using var recovered = TestLogs.Open(new FileTileStore(folder));
        recovered.Size.ShouldBe(2_000UL);
        recovered.RootHash.ShouldBe(TestLogs.NaiveRoot(2_000));
        LogVerifier.Verify(new FileTileStore(folder), 2_000, recovered.RootHash).Problems.ShouldBeEmpty();
        File.ReadAllText(Path.Combine(folder, TileLogWriter.LatestPath)).ShouldBe(recovered.LatestNote);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void TornLastRecord_IsCutAndTheBatchesBeforeItStay(int cut)
    {
        string folder = TestLogs.TempFolder();
        var writer = TestLogs.Open(new FileTileStore(folder));
        writer.Append(TestLogs.Entries(0, 100));
        writer.Append(TestLogs.Entries(100, 100));
        string segment = Directory.GetFiles(Path.Combine(folder, "state", "wal")).Single();
        long before = new FileInfo(segment).Length;
        writer.Append(TestLogs.Entries(200, 100));
        long after = LastRecordEnd(segment);

        // The last record loses its end (and the padding after it): as if the machine stopped before its fsync finished.
        using (var stream = new FileStream(segment, FileMode.Open)) stream.SetLength(after - cut);
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe(200UL);
        reopened.RootHash.ShouldBe(TestLogs.NaiveRoot(200));
        LogVerifier.Verify(new FileTileStore(folder), 200, reopened.RootHash).Problems.ShouldBeEmpty();
        before.ShouldBeLessThan(after);
        reopened.Append(TestLogs.Entries(200, 5)).ShouldBe(200UL);
        reopened.RootHash.ShouldBe(TestLogs.NaiveRoot(205));
    }

    /// <summary>Where the last record's own bytes end (before the padding that fills its block).</summary>
    private static long LastRecordEnd(string segment)
    {
        var last = WriteAheadLog.Read(segment).Records[^1];
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(last.Payload, out var bytes).ShouldBeTrue();
        return bytes.Offset + bytes.Count;
    }

    [Fact]
    public void CommitsAreWrittenInWholeBlocks_AndPaddingIsSkippedOnReplay()
    {
        string folder = TestLogs.TempFolder();
        var writer = TestLogs.Open(new FileTileStore(folder));
        string segment = Directory.GetFiles(Path.Combine(folder, "state", "wal")).Single();
        (new FileInfo(segment).Length % DirectAppendFile.Alignment).ShouldBe(0);
        for (int at = 0; at < 30; at += 3)
        {
            writer.Append(TestLogs.Entries(at, 3));
            (new FileInfo(segment).Length % DirectAppendFile.Alignment).ShouldBe(0);
        }

        // Every commit is one batch record: the padding records between them are not records of their own.
        WriteAheadLog.Read(segment).Records.Count.ShouldBe(11);
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe(30UL);
        reopened.RootHash.ShouldBe(TestLogs.NaiveRoot(30));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    public void ASegmentOfTheUnpaddedFormat_IsReplayedAndReplacedByAPaddedOne(int size)
    {
        string folder = TestLogs.TempFolder();
        var writer = TestLogs.Open(new FileTileStore(folder));
        if (size > 0) writer.Append(TestLogs.Entries(0, size));
        string segment = Directory.GetFiles(Path.Combine(folder, "state", "wal")).Single();

        // The format before padding: the same records back to back.
        var contents = WriteAheadLog.Read(segment);
        using (var stream = new FileStream(segment, FileMode.Create))
        {
            foreach (var (kind, payload, _) in contents.Records)
            {
                var header = new byte[5];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, (uint)payload.Length);
                header[4] = kind;
                stream.Write(header);
                stream.Write(payload.Span);
            }
        }

        (new FileInfo(segment).Length % DirectAppendFile.Alignment).ShouldNotBe(0);
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe((ulong)size);
        reopened.Append(TestLogs.Entries(size, 2)).ShouldBe((ulong)size);
        string current = Directory.GetFiles(Path.Combine(folder, "state", "wal")).Single();
        (new FileInfo(current).Length % DirectAppendFile.Alignment).ShouldBe(0);
        reopened.RootHash.ShouldBe(TestLogs.NaiveRoot(size + 2));
    }

    [Fact]
    public void GarbageAfterTheLastRecord_IsIgnored()
    {
        string folder = TestLogs.TempFolder();
        var writer = TestLogs.Open(new FileTileStore(folder));
        writer.Append(TestLogs.Entries(0, 50));
        string segment = Directory.GetFiles(Path.Combine(folder, "state", "wal")).Single();
        using (var stream = new FileStream(segment, FileMode.Append)) stream.Write([0, 0, 1, 0, (byte)'B', 1, 2, 3, 0xFF, 0xFF]);
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe(50UL);
    }

    [Fact]
    public void ARecordWhoseEntriesWereChanged_DoesNotGiveItsCheckpointAndIsNotReplayed()
    {
        string folder = TestLogs.TempFolder();
        var writer = TestLogs.Open(new FileTileStore(folder));
        writer.Append(TestLogs.Entries(0, 50));
        writer.Append(TestLogs.Entries(50, 50));
        string segment = Directory.GetFiles(Path.Combine(folder, "state", "wal")).Single();
        var bytes = File.ReadAllBytes(segment);
        int at = Array.LastIndexOf(bytes, (byte)'9'); // inside the last record's entries ({"n":99})
        bytes[at] = (byte)'8';
        File.WriteAllBytes(segment, bytes);
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe(50UL);
        LogVerifier.Verify(new FileTileStore(folder), 50, reopened.RootHash).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void SmallSegments_RotateAndOldOnesAreDeletedOnceFlushed()
    {
        string folder = TestLogs.TempFolder();
        var options = new TileLogOptions { SegmentBytes = 4096 };
        var writer = TileLogWriter.Open(new FileTileStore(folder), TestLogs.Signer, TestLogs.Signer.Verifier(), options);
        for (int at = 0; at < 3_000; at += 100) writer.Append(TestLogs.Entries(at, 100));
        Directory.GetFiles(Path.Combine(folder, "state", "wal")).Length.ShouldBeLessThanOrEqualTo(3);

        // Reopened without closing (a crash), from whatever segments are left.
        using var reopened = TileLogWriter.Open(new FileTileStore(folder), TestLogs.Signer, TestLogs.Signer.Verifier(), options);
        reopened.Size.ShouldBe(3_000UL);
        reopened.RootHash.ShouldBe(TestLogs.NaiveRoot(3_000));
        LogVerifier.Verify(new FileTileStore(folder), 3_000, reopened.RootHash).Problems.ShouldBeEmpty();
        Directory.GetFiles(Path.Combine(folder, "state", "wal")).Length.ShouldBe(1);
    }

    [Fact]
    public void ALogWithoutSegments_IsOpenedFromItsFilesAndGetsOne()
    {
        string folder = TestLogs.TempFolder();
        var writer = TestLogs.Open(new FileTileStore(folder));
        writer.Append(TestLogs.Entries(0, 260));
        writer.Dispose();
        Directory.Delete(Path.Combine(folder, "state", "wal"), recursive: true);
        using var reopened = TestLogs.Open(new FileTileStore(folder));
        reopened.Size.ShouldBe(260UL);
        Directory.GetFiles(Path.Combine(folder, "state", "wal")).Length.ShouldBe(1);
        reopened.Append(TestLogs.Entries(260, 10));
        reopened.RootHash.ShouldBe(TestLogs.NaiveRoot(270));
    }

    [Fact]
    public void ASegmentFromAnotherLog_IsRefusedWithAClearError()
    {
        string folder = TestLogs.TempFolder();
        TestLogs.Open(new FileTileStore(folder)).Dispose();
        var other = Ensuresec.Ledger.Notes.Ed25519Signer.Generate("other.example/log");
        Should.Throw<LedgerDataException>(() => TileLogWriter.Open(new FileTileStore(folder), other, other.Verifier())).Message.ShouldContain("state/wal");
    }

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(r => r.StartsWith("tile", StringComparison.Ordinal) || r == Path.Combine("state", "latest"))
            .ToDictionary(r => r, r => File.ReadAllBytes(Path.Combine(folder, r)));
}
