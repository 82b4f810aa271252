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
        if (full is { Length: >= TilePaths.Width * 32 }) return full[..(width * 32)];
        var wider = Wider(source, TilePaths.PartialFolder(level, index), width);
        return wider is null ? null : source.Read(TilePaths.Tile(level, index, wider.Value)) is { } bytes && bytes.Length >= width * 32 ? bytes[..(width * 32)] : null;
    }

    /// <summary>
    /// A tree size no checkpoint was made for has no partial tile of its own; in a folder, the next wider partial
    /// holds the same hashes as a prefix.
    /// </summary>
    private static int? Wider(ITileSource source, string folder, int width)
    {
        if (source is not ITileStore store) return null;
        int? best = null;
        foreach (string name in store.List(folder))
        {
            if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int w) && w > width && w < TilePaths.Width && (best is null || w < best)) best = w;
        }

        return best;
    }

    public static byte[]? ReadBundle(ITileSource source, ulong index, int width)
    {
        var exact = source.Read(TilePaths.Bundle(index, width));
        if (exact is not null || width == TilePaths.Width) return exact;
        var full = source.Read(TilePaths.Bundle(index, TilePaths.Width));
        if (full is null && Wider(source, TilePaths.BundlePartialFolder(index), width) is { } wider) full = source.Read(TilePaths.Bundle(index, wider));
        if (full is null) return null;
        var entries = EntryBundle.Parse(full, 0);
        return entries.Ok && entries.Value.Count >= width ? EntryBundle.Encode(entries.Value.Take(width)) : null;
    }
}
