using Ensuresec.Ledger.Merkle;

namespace Ensuresec.Ledger.Tiles;

/// <summary>Hashing of whole tiles without allocating: the root of a full tile (the hash one tile level up).</summary>
internal static class TileHashing
{
    /// <summary>The Merkle root of 256 hashes (a full tile), folded level by level in a stack buffer.</summary>
    public static void Root(ReadOnlySpan<byte> hashes, Span<byte> destination)
    {
        if (hashes.Length != TilePaths.Width * TreeHasher.HashSize) throw new ArgumentException("a full tile has 256 hashes", nameof(hashes));
        Span<byte> level = stackalloc byte[(TilePaths.Width / 2) * TreeHasher.HashSize];
        int count = TilePaths.Width / 2;
        for (int i = 0; i < count; i++) TreeHasher.HashChildren(hashes.Slice(2 * i * 32, 32), hashes.Slice(((2 * i) + 1) * 32, 32), level.Slice(i * 32, 32));
        while (count > 1)
        {
            count /= 2;

            // In place: node i reads 2i and 2i+1, which no earlier node of this pass has overwritten.
            for (int i = 0; i < count; i++) TreeHasher.HashChildren(level.Slice(2 * i * 32, 32), level.Slice(((2 * i) + 1) * 32, 32), level.Slice(i * 32, 32));
        }

        level[..32].CopyTo(destination);
    }
}
