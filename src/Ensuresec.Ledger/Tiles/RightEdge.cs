using System.Numerics;
using Ensuresec.Ledger.Merkle;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// What a writer keeps of a tiled tree: the partial tile of every level, the entries of the partial bundle, and the
/// roots of the perfect subtrees the size splits into (one per set bit: the compact range). Adding an entry costs its
/// leaf hash plus one node hash per subtree it completes (one on average, the tile roots included), and the root
/// costs one hash per set bit of the size, so no tile is ever hashed twice.
/// </summary>
internal sealed class RightEdge
{
    /// <summary>Levels of a 64-bit tree: heights 0..63, eight per level.</summary>
    private const int Levels = 8;

    private const int Hash = TreeHasher.HashSize;

    private byte[][] _tiles = new byte[Levels][];
    private int[] _widths = new int[Levels];
    private byte[] _frontier = new byte[64 * Hash];
    private List<byte[]> _bundle = [];

    public ulong Size { get; private set; }

    /// <summary>The entries of the partial bundle (as many as <see cref="Size"/> mod 256).</summary>
    public IReadOnlyList<byte[]> BundleEntries => _bundle;

    /// <summary>
    /// Adds one entry. Every tile and bundle it completes goes to <paramref name="full"/> (path, bytes; the bytes are
    /// no longer touched by the edge) and the folder of its partial versions to <paramref name="superseded"/>.
    /// </summary>
    public void Add(byte[] entry, List<KeyValuePair<string, byte[]>> full, List<string> superseded)
    {
        Span<byte> carry = stackalloc byte[Hash];
        TreeHasher.HashLeaf(entry, carry);
        ulong before = Size;
        ulong after = checked(before + 1);
        AppendToTile(0, carry, after, full, superseded);
        int height = 0;
        while (((before >> height) & 1) != 0)
        {
            // HashChildren copies both inputs before hashing, so carry may be the destination too.
            TreeHasher.HashChildren(_frontier.AsSpan(height * Hash, Hash), carry, carry);
            height++;
            if (height % 8 == 0) AppendToTile(height / 8, carry, after, full, superseded);
        }

        carry.CopyTo(_frontier.AsSpan(height * Hash, Hash));
        Size = after;
        _bundle.Add(entry);
        if (_bundle.Count == TilePaths.Width)
        {
            ulong index = (after / TilePaths.Width) - 1;
            full.Add(new(TilePaths.Bundle(index, TilePaths.Width), EntryBundle.Encode(_bundle)));
            superseded.Add(TilePaths.BundlePartialFolder(index));
            _bundle = [];
        }
    }

    /// <summary>The RFC 6962 root: the subtree roots folded from the smallest (rightmost) to the largest.</summary>
    public byte[] Root()
    {
        if (Size == 0) return TreeHasher.EmptyRoot();
        int height = BitOperations.TrailingZeroCount(Size);
        var root = _frontier.AsSpan(height * Hash, Hash).ToArray();
        for (height++; height < 64; height++)
        {
            if (((Size >> height) & 1) != 0) TreeHasher.HashChildren(_frontier.AsSpan(height * Hash, Hash), root, root);
        }

        return root;
    }

    /// <summary>
    /// The partial tiles at the current size (level, path, copied bytes), every level that has one. Above level 0 the
    /// same path comes back for many sizes, always with the same bytes (a tile's hashes never change).
    /// </summary>
    public List<(int Level, string Path, byte[] Bytes)> PartialTiles()
    {
        var tiles = new List<(int, string, byte[])>();
        for (int level = 0; level < Levels && (Size >> (8 * level)) > 0; level++)
        {
            int width = _widths[level];
            if (width > 0) tiles.Add((level, TilePaths.Tile(level, (Size >> (8 * level)) / TilePaths.Width, width), _tiles[level].AsSpan(0, width * Hash).ToArray()));
        }

        return tiles;
    }

    /// <summary>The partial bundle at the current size (path, encoded), or null when the size is a multiple of 256.</summary>
    public KeyValuePair<string, byte[]>? PartialBundle() =>
        _bundle.Count == 0 ? null : new(TilePaths.Bundle(Size / TilePaths.Width, _bundle.Count), EntryBundle.Encode(_bundle));

    /// <summary>The hashes of the partial tile of every level up to the highest one the size reaches (for a snapshot).</summary>
    public List<List<byte[]>> PartialHashes()
    {
        var levels = new List<List<byte[]>>();
        for (int level = 0; level < Levels && (Size >> (8 * level)) > 0; level++)
        {
            var hashes = new List<byte[]>(_widths[level]);
            for (int i = 0; i < _widths[level]; i++) hashes.Add(_tiles[level].AsSpan(i * Hash, Hash).ToArray());
            levels.Add(hashes);
        }

        return levels;
    }

    /// <summary>
    /// Starts from a saved right edge: the partial tile hashes of each level and the partial bundle's entries at
    /// <paramref name="size"/>. False when they do not fit that size (wrong widths, or bundle entries whose leaf
    /// hashes are not the level-0 partial tile); the caller then checks the root against a signed checkpoint.
    /// </summary>
    public bool Load(ulong size, IReadOnlyList<IReadOnlyList<byte[]>> partials, IReadOnlyList<byte[]> bundle)
    {
        Clear();
        Size = size;
        for (int level = 0; level < Levels; level++)
        {
            int width = (int)((size >> (8 * level)) % TilePaths.Width);
            var hashes = level < partials.Count ? partials[level] : [];
            if (hashes.Count != width || hashes.Any(h => h.Length != Hash)) return false;
            _tiles[level] = new byte[TilePaths.Width * Hash];
            for (int i = 0; i < width; i++) hashes[i].CopyTo(_tiles[level], i * Hash);
            _widths[level] = width;

            // The subtrees of this level: one per set bit of the width, the largest (leftmost) first.
            int start = 0;
            for (int bit = 7; bit >= 0; bit--)
            {
                if (((width >> bit) & 1) == 0) continue;
                var subtree = new ExpandedTile(_tiles[level].AsSpan(start * Hash, (1 << bit) * Hash));
                subtree.Node(bit, 0).CopyTo(_frontier.AsSpan(((8 * level) + bit) * Hash, Hash));
                start += 1 << bit;
            }
        }

        if (partials.Skip(Levels).Any(l => l.Count > 0)) return false;
        if (bundle.Count != (int)(size % TilePaths.Width)) return false;
        Span<byte> leaf = stackalloc byte[Hash];
        for (int i = 0; i < bundle.Count; i++)
        {
            TreeHasher.HashLeaf(bundle[i], leaf);
            if (!leaf.SequenceEqual(_tiles[0].AsSpan(i * Hash, Hash))) return false;
        }

        _bundle.AddRange(bundle);
        return true;
    }

    /// <summary>A deep copy (to apply a record that may turn out not to match its root).</summary>
    public RightEdge Clone() => new()
    {
        Size = Size,
        _tiles = _tiles.Select(t => t?.ToArray()!).ToArray(),
        _widths = _widths.ToArray(),
        _frontier = _frontier.ToArray(),
        _bundle = [.. _bundle],
    };

    private void Clear()
    {
        _tiles = new byte[Levels][];
        _widths = new int[Levels];
        _frontier = new byte[64 * Hash];
        _bundle = [];
        Size = 0;
    }

    private void AppendToTile(int level, ReadOnlySpan<byte> hash, ulong size, List<KeyValuePair<string, byte[]>> full, List<string> superseded)
    {
        var tile = _tiles[level] ??= new byte[TilePaths.Width * Hash];
        hash.CopyTo(tile.AsSpan(_widths[level] * Hash));
        if (++_widths[level] < TilePaths.Width) return;
        ulong index = ((size >> (8 * level)) / TilePaths.Width) - 1;
        full.Add(new(TilePaths.Tile(level, index, TilePaths.Width), tile));
        superseded.Add(TilePaths.PartialFolder(level, index));
        _tiles[level] = new byte[TilePaths.Width * Hash];
        _widths[level] = 0;
    }
}
