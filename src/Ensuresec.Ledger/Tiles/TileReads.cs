namespace Ensuresec.Ledger.Tiles;

/// <summary>Reading tiles the way clients must: a partial tile, or the prefix of the full tile once it replaced the partial.</summary>
internal static class TileReads
{
    /// <summary>The hashes of tile (level, index) at <paramref name="width"/>, or null when neither version exists.</summary>
    public static byte[]? ReadTile(ITileSource source, int level, ulong index, int width)
    {
        var exact = source.Read(TilePaths.Tile(level, index, width));
        if (exact is not null || width == TilePaths.Width) return exact;
        var full = source.Read(TilePaths.Tile(level, index, TilePaths.Width));
        return full is { Length: >= TilePaths.Width * 32 } ? full[..(width * 32)] : null;
    }

    public static byte[]? ReadBundle(ITileSource source, ulong index, int width)
    {
        var exact = source.Read(TilePaths.Bundle(index, width));
        if (exact is not null || width == TilePaths.Width) return exact;
        var full = source.Read(TilePaths.Bundle(index, TilePaths.Width));
        if (full is null) return null;
        var entries = EntryBundle.Parse(full, 0);
        return entries.Ok && entries.Value.Count >= width ? EntryBundle.Encode(entries.Value.Take(width)) : null;
    }
}
