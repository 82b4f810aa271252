using Ensuresec.Ledger.Merkle;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// A tile's hashes and every node above them inside the tile (8 levels), so a proof can read any node in O(1).
/// Level 0 holds the tile's own hashes; level j holds width >> j nodes.
/// </summary>
internal sealed class ExpandedTile
{
    private readonly byte[][] _levels;

    public ExpandedTile(ReadOnlySpan<byte> hashes)
    {
        if (hashes.Length == 0 || hashes.Length % TreeHasher.HashSize != 0 || hashes.Length > TilePaths.Width * TreeHasher.HashSize)
        {
            throw new ArgumentException("a tile holds 1 to 256 hashes of 32 bytes", nameof(hashes));
        }

        Width = hashes.Length / TreeHasher.HashSize;
        _levels = new byte[9][];
        _levels[0] = hashes.ToArray();
        for (int level = 1; level <= 8; level++)
        {
            int count = Width >> level;
            var below = _levels[level - 1];
            var nodes = new byte[count * TreeHasher.HashSize];
            for (int i = 0; i < count; i++)
            {
                TreeHasher.HashChildren(below.AsSpan(2 * i * TreeHasher.HashSize, TreeHasher.HashSize), below.AsSpan(((2 * i) + 1) * TreeHasher.HashSize, TreeHasher.HashSize), nodes.AsSpan(i * TreeHasher.HashSize, TreeHasher.HashSize));
            }

            _levels[level] = nodes;
        }
    }

    public int Width { get; }

    /// <summary>The node <paramref name="height"/> levels above the tile's hashes, at <paramref name="index"/> within the tile.</summary>
    public ReadOnlySpan<byte> Node(int height, int index) => _levels[height].AsSpan(index * TreeHasher.HashSize, TreeHasher.HashSize);

    /// <summary>The tile's root: the hash one tile level up (only for a full tile).</summary>
    public byte[] Root => Width == TilePaths.Width ? _levels[8].ToArray() : throw new InvalidOperationException("a partial tile has no root");

    public ReadOnlySpan<byte> Hashes => _levels[0];
}
