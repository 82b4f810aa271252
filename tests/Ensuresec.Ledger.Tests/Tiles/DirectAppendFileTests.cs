using Ensuresec.Ledger.Tiles;
using Shouldly;
using Xunit;

namespace Ensuresec.Ledger.Tests.Tiles;

public sealed class DirectAppendFileTests
{
    [Fact]
    public unsafe void AlignedBuffer_KeepsItsBytesAndItsAlignmentWhenItGrows()
    {
        using var buffer = new AlignedBuffer();
        for (int i = 0; i < 10_000; i++) buffer.Reserve(7).Fill(unchecked((byte)i));
        buffer.Length.ShouldBe(70_000);
        for (int i = 0; i < 10_000; i++) buffer.Written.Slice(i * 7, 7).ToArray().ShouldAllBe(b => b == unchecked((byte)i));
        fixed (byte* start = buffer.Written) ((nuint)start % DirectAppendFile.Alignment).ShouldBe(0u);
        buffer.Clear();
        buffer.Length.ShouldBe(0);
    }

    [Fact]
    public void Appends_LandAfterEachOther_AndPartialBlocksAreRefused()
    {
        string path = Path.Combine(TestLogs.TempFolder(), "segment");
        File.WriteAllBytes(path, []);
        using var file = DirectAppendFile.Open(path, 0);
        using var blocks = new AlignedBuffer();
        blocks.Reserve(DirectAppendFile.Alignment).Fill(1);
        file.Append(blocks);
        blocks.Clear();
        blocks.Reserve(2 * DirectAppendFile.Alignment).Fill(2);
        file.Append(blocks);
        file.Sync();
        blocks.Clear();
        blocks.Reserve(100);
        Should.Throw<ArgumentException>(() => file.Append(blocks));

        var bytes = File.ReadAllBytes(path);
        bytes.Length.ShouldBe(3 * DirectAppendFile.Alignment);
        bytes.Take(DirectAppendFile.Alignment).ShouldAllBe(b => b == 1);
        bytes.Skip(DirectAppendFile.Alignment).ShouldAllBe(b => b == 2);
    }

    [Fact]
    public void OnLinuxFileSystemsThatTakeIt_WritesBypassThePageCache()
    {
        string folder = TestLogs.TempFolder();
        string path = Path.Combine(folder, "segment");
        File.WriteAllBytes(path, []);
        using var file = DirectAppendFile.Open(path, 0);
        using var blocks = new AlignedBuffer();
        blocks.Reserve(DirectAppendFile.Alignment).Fill(3);
        file.Append(blocks);

        // ext4, xfs and btrfs accept O_DIRECT: the segment must not fall back to the page cache there.
        bool takesDirect = OperatingSystem.IsLinux() && new DriveInfo(folder).DriveFormat is "ext4" or "ext3" or "xfs" or "btrfs";
        if (takesDirect) file.Direct.ShouldBeTrue();
        File.ReadAllBytes(path).ShouldAllBe(b => b == 3);
    }

    [Fact]
    public void OpeningAtAShorterLength_CutsTheTail_AndAnUnalignedLengthIsWrittenThroughThePageCache()
    {
        string path = Path.Combine(TestLogs.TempFolder(), "segment");
        File.WriteAllBytes(path, new byte[5000]);
        using (var cut = DirectAppendFile.Open(path, 4096)) cut.Length.ShouldBe(4096);
        new FileInfo(path).Length.ShouldBe(4096);

        File.WriteAllBytes(path, new byte[100]);
        using var file = DirectAppendFile.Open(path, 100);
        file.Direct.ShouldBeFalse();
    }
}
