using Ensuresec.Ledger.Merkle;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// The Merkle tree of a given size read from tiles: node (h, k) lives in the tile at level h / 8, expanded once and
/// kept (warm tiles answer proofs without hashing). Missing or malformed tiles raise <see cref="LedgerDataException"/>.
/// </summary>
internal sealed class TileTree : INodeSource
{
    private const int MaxCachedTiles = 4096;
    private readonly ITileSource _source;
    private readonly Dictionary<(int Level, ulong Index, int Width), ExpandedTile> _cache = [];

    public TileTree(ITileSource source, ulong size)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        Size = size;
    }

    public ulong Size { get; }

    public byte[] Root() => ProofBuilder.Root(this, Size);

    public List<byte[]> Inclusion(ulong index) => ProofBuilder.Inclusion(this, index, Size);

    public List<byte[]> Consistency(ulong oldSize) => ProofBuilder.Consistency(this, oldSize, Size);

    /// <summary>The leaf hash of entry <paramref name="index"/> as the level-0 tile records it.</summary>
    public byte[] LeafHash(ulong index) => Node(0, index);

    public byte[] Node(int height, ulong index)
    {
        int level = height / 8;
        int sub = height % 8;
        ulong first = index << sub;
        ulong complete = Size >> (8 * level);
        if (((index + 1) << sub) > complete) throw new InvalidOperationException($"node {height}/{index} is not inside a tree of {Size}");
        ulong tileIndex = first / TilePaths.Width;
        int width = (int)Math.Min(TilePaths.Width, complete - (tileIndex * TilePaths.Width));
        var tile = Tile(level, tileIndex, width);
        return tile.Node(sub, (int)((first - (tileIndex * TilePaths.Width)) >> sub)).ToArray();
    }

    private ExpandedTile Tile(int level, ulong index, int width)
    {
        if (_cache.TryGetValue((level, index, width), out var cached)) return cached;
        var bytes = TileReads.ReadTile(_source, level, index, width)
            ?? throw new LedgerDataException($"{TilePaths.Tile(level, index, width)} is missing");
        if (bytes.Length != width * TreeHasher.HashSize)
        {
            throw new LedgerDataException($"{TilePaths.Tile(level, index, width)} has {bytes.Length} bytes, not {width * TreeHasher.HashSize}");
        }

        if (_cache.Count >= MaxCachedTiles) _cache.Clear();
        var tile = new ExpandedTile(bytes);
        _cache[(level, index, width)] = tile;
        return tile;
    }
}
