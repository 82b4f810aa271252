using System.Globalization;
using System.Text;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// The c2sp.org/tlog-tiles resource names as pure arithmetic: tiles of 256 hashes at
/// <c>tile/L/N[.p/W]</c> and entry bundles at <c>tile/entries/N[.p/W]</c>, with N in 3-digit groups (x001/x234/067).
/// </summary>
internal static class TilePaths
{
    public const int Width = 256;
    public const int MaxLevel = 63;
    public const string CheckpointPath = "checkpoint";

    public static string Tile(int level, ulong index, int width) =>
        "tile/" + level.ToString(CultureInfo.InvariantCulture) + "/" + EncodeIndex(index) + Suffix(width);

    public static string Bundle(ulong index, int width) => "tile/entries/" + EncodeIndex(index) + Suffix(width);

    /// <summary>The folder of a tile's partial versions (deleted once the full tile exists).</summary>
    public static string PartialFolder(int level, ulong index) => "tile/" + level.ToString(CultureInfo.InvariantCulture) + "/" + EncodeIndex(index) + ".p";

    public static string BundlePartialFolder(ulong index) => "tile/entries/" + EncodeIndex(index) + ".p";

    /// <summary>1234067 → x001/x234/067.</summary>
    public static string EncodeIndex(ulong index)
    {
        var sb = new StringBuilder((index % 1000).ToString("D3", CultureInfo.InvariantCulture));
        index /= 1000;
        while (index > 0)
        {
            sb.Insert(0, "x" + (index % 1000).ToString("D3", CultureInfo.InvariantCulture) + "/");
            index /= 1000;
        }

        return sb.ToString();
    }

    /// <summary>Reads a tile or bundle path back, strictly (no leading zeros, widths 1..255, 3-digit groups).</summary>
    public static Parsed<TileRef> Parse(string path)
    {
        if (path is null || path.Length > 200 || !path.StartsWith("tile/", StringComparison.Ordinal)) return Parsed<TileRef>.Fail("not a tile path");
        var parts = path["tile/".Length..].Split('/');
        if (parts.Length < 2) return Parsed<TileRef>.Fail("a tile path has a level and an index");
        bool entries = string.Equals(parts[0], "entries", StringComparison.Ordinal);
        int level = 0;
        if (!entries && !TryParseSmall(parts[0], 0, MaxLevel, out level)) return Parsed<TileRef>.Fail("the level is 0 to 63 without leading zeros");
        int width = Width;
        int end = parts.Length;
        if (parts.Length >= 3 && parts[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryParseSmall(parts[^1], 1, Width - 1, out width)) return Parsed<TileRef>.Fail("the partial width is 1 to 255 without leading zeros");
            parts[^2] = parts[^2][..^2];
            end = parts.Length - 1;
        }

        ulong index = 0;
        for (int i = 1; i < end; i++)
        {
            string group = parts[i];
            bool last = i == end - 1;
            if (!last && (group.Length != 4 || group[0] != 'x')) return Parsed<TileRef>.Fail("index groups other than the last start with x");
            string digits = last ? group : group[1..];
            if (digits.Length != 3 || digits.Any(c => c is < '0' or > '9')) return Parsed<TileRef>.Fail("index groups have three digits");
            try
            {
                index = checked((index * 1000) + ulong.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture));
            }
            catch (OverflowException)
            {
                return Parsed<TileRef>.Fail("the index is too large");
            }
        }

        // Canonical form only: x000/123 is not a name for 123.
        var tile = new TileRef(entries, level, index, width);
        return string.Equals(tile.Path, path, StringComparison.Ordinal) ? Parsed<TileRef>.Success(tile) : Parsed<TileRef>.Fail("not the canonical tile path");
    }

    private static string Suffix(int width) =>
        width is < 1 or > Width ? throw new ArgumentOutOfRangeException(nameof(width), width, "1..256")
        : width == Width ? string.Empty : ".p/" + width.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseSmall(string text, int min, int max, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 3 || text.Any(c => c is < '0' or > '9') || (text.Length > 1 && text[0] == '0')) return false;
        value = int.Parse(text, CultureInfo.InvariantCulture);
        return value >= min && value <= max;
    }
}

/// <summary>A tile (or entry bundle) named by level, index and width (256 for a full tile).</summary>
internal sealed record TileRef(bool IsEntries, int Level, ulong Index, int Width)
{
    public string Path => IsEntries ? TilePaths.Bundle(Index, Width) : TilePaths.Tile(Level, Index, Width);
}
