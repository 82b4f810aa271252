using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Tiles;

/// <summary>Every altered, missing, added or reordered byte of the tiles and entries is caught, with the entry index it breaks.</summary>
public sealed class TamperTests
{
    private static (MemoryTileStore Store, TileLogWriter Writer) SmallLog()
    {
        var store = new MemoryTileStore();
        var writer = TestLogs.Open(store);
        // Batches leave older partial tiles behind (kept for older checkpoints) besides the full ones.
        writer.Append(TestLogs.Entries(0, 5));
        writer.Append(TestLogs.Entries(5, 260));
        writer.Append(TestLogs.Entries(265, 20));
        return (store, writer);
    }

    [Fact]
    public void FlipEveryByte_OfEveryTileAndBundle_IsCaught()
    {
        var (store, writer) = SmallLog();
        var paths = store.Files.Keys.Where(k => k.StartsWith("tile/", StringComparison.Ordinal)).ToList();
        paths.Count.ShouldBeGreaterThan(5);
        int flips = 0;
        foreach (var path in paths)
        {
            var bytes = store.Files[path];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] ^= 0x01;
                LogVerifier.Verify(store, writer.Size, writer.RootHash, maxProblems: 1).Ok.ShouldBeFalse($"{path} byte {i}");
                bytes[i] ^= 0x01;
                flips++;
            }
        }

        flips.ShouldBeGreaterThan(10_000);
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Ok.ShouldBeTrue();
    }

    [Fact]
    public void AlteredEntry_IsReportedWithItsIndex()
    {
        var (store, writer) = SmallLog();
        var bundle = store.Files["tile/entries/001.p/29"];
        bundle[2 + 3] ^= 0x20; // inside entry 256's text
        var report = LogVerifier.Verify(store, writer.Size, writer.RootHash);
        report.Problems[0].EntryIndex.ShouldBe(256UL);
        report.Problems[0].Message.ShouldContain("entry 256");
    }

    [Fact]
    public void RemovedEntry_AddedBytes_AndReorderedEntries_AreCaught()
    {
        var (store, writer) = SmallLog();
        string path = "tile/entries/001.p/29";
        var original = store.Files[path];
        var entries = EntryBundle.Parse(original, 256).Value!;

        store.Files[path] = EntryBundle.Encode(entries.Take(28));
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Problems[0].EntryIndex.ShouldBe(284UL);

        store.Files[path] = [.. original, 0x00];
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Problems[0].EntryIndex.ShouldBe(285UL);

        store.Files[path] = EntryBundle.Encode([entries[1], entries[0], .. entries.Skip(2)]);
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Problems[0].EntryIndex.ShouldBe(256UL);

        store.Files.Remove(path);
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Problems[0].Message.ShouldContain("missing");
    }

    [Fact]
    public void TruncatedOrPaddedTile_IsReported()
    {
        var (store, writer) = SmallLog();
        store.Files["tile/0/000"] = store.Files["tile/0/000"][..8000];
        LogVerifier.Verify(store, writer.Size, writer.RootHash).Problems[0].Message.ShouldContain("bytes");
    }
}
