using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Tiles;

public sealed class TilePathsTests
{
    [Theory]
    [InlineData(0UL, "000")]
    [InlineData(7UL, "007")]
    [InlineData(1234067UL, "x001/x234/067")]
    [InlineData(1000UL, "x001/000")]
    public void EncodeIndex_UsesThreeDigitGroups(ulong index, string want) => TilePaths.EncodeIndex(index).ShouldBe(want);

    [Theory]
    [InlineData("tile/0/x001/x234/067", false, 0, 1234067UL, 256)]
    [InlineData("tile/2/000.p/1", false, 2, 0UL, 1)]
    [InlineData("tile/entries/273.p/112", true, 0, 273UL, 112)]
    [InlineData("tile/63/x018/x446/x744/x073/x709/x551/615", false, 63, ulong.MaxValue, 256)]
    public void Parse_ReadsCanonicalPaths(string path, bool entries, int level, ulong index, int width)
    {
        var parsed = TilePaths.Parse(path);
        parsed.Ok.ShouldBeTrue(parsed.Error);
        parsed.Value.ShouldBe(new TileRef(entries, level, index, width));
    }

    [Theory]
    [InlineData("tile/00/000")]
    [InlineData("tile/64/000")]
    [InlineData("tile/0/0")]
    [InlineData("tile/0/x000/001")]
    [InlineData("tile/0/001.p/0")]
    [InlineData("tile/0/001.p/256")]
    [InlineData("tile/0/001.p/010")]
    [InlineData("tile/0/../../etc/passwd")]
    [InlineData("tile/entries/x999/x999/x999/x999/x999/x999/x999/999")]
    [InlineData("tile/-1/000")]
    [InlineData("checkpoint")]
    public void Parse_RejectsEverythingElse(string path) => TilePaths.Parse(path).Ok.ShouldBeFalse();
}
