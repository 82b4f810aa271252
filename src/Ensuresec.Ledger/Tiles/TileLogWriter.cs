using System.Text;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// Appends entries to a tiled log in batches. A batch writes its entry bundles and tiles durably first, then the
/// signed checkpoint of the new size (<see cref="LatestPath"/>), and only then returns: a returned append is on
/// disk, and a crash at any point leaves the last checkpoint valid over the files. On open, files a crashed batch
/// left beyond that checkpoint are removed. One writer per log (the caller holds <see cref="LogLock"/>).
/// </summary>
internal sealed class TileLogWriter
{
    /// <summary>The latest durable checkpoint, signed by the log; the public <c>checkpoint</c> follows it once the witness policy is met.</summary>
    public const string LatestPath = "state/latest";

    private readonly ITileStore _store;
    private readonly INoteSigner _signer;
    private readonly INoteVerifier _verifier;
    private readonly List<List<byte[]>> _edge = [];
    private readonly List<byte[]> _bundle = [];
    private bool _broken;

    private TileLogWriter(ITileStore store, INoteSigner signer, INoteVerifier verifier)
    {
        _store = store;
        _signer = signer;
        _verifier = verifier;
    }

    public ulong Size { get; private set; }

    public byte[] RootHash { get; private set; } = TreeHasher.EmptyRoot();

    /// <summary>The signed note of the latest checkpoint.</summary>
    public string LatestNote { get; private set; } = string.Empty;

    public string Origin => _signer.Name;

    /// <summary>Opens (or starts, if it has no checkpoint yet) the log in <paramref name="store"/>, signing as <paramref name="signer"/>.</summary>
    public static TileLogWriter Open(ITileStore store, INoteSigner signer, INoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(verifier);
        var writer = new TileLogWriter(store, signer, verifier);
        var latest = store.Read(LatestPath);
        if (latest is null)
        {
            writer.RemoveBeyondSize();
            writer.Commit([]);
            return writer;
        }

        writer.Load(latest, verifier);
        return writer;
    }

    /// <summary>Appends a batch durably and signs its checkpoint; returns the index of the first entry.</summary>
    public ulong Append(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            if (e is null || e.Length > EntryBundle.MaxEntryBytes) throw new ArgumentException($"an entry has at most {EntryBundle.MaxEntryBytes} bytes", nameof(entries));
        }

        if (_broken)
        {
            Reload();
            _broken = false;
        }

        ulong first = Size;
        if (entries.Count == 0) return first;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var superseded = new List<string>();
        Span<byte> leaf = stackalloc byte[TreeHasher.HashSize];
        foreach (var entry in entries)
        {
            TreeHasher.HashLeaf(entry, leaf);
            _bundle.Add(entry);
            Size = checked(Size + 1);
            if (_bundle.Count == TilePaths.Width)
            {
                ulong index = (Size / TilePaths.Width) - 1;
                files[TilePaths.Bundle(index, TilePaths.Width)] = EntryBundle.Encode(_bundle);
                superseded.Add(TilePaths.BundlePartialFolder(index));
                _bundle.Clear();
            }

            AddHash(0, leaf.ToArray(), files, superseded);
        }

        if (_bundle.Count > 0) files[TilePaths.Bundle(Size / TilePaths.Width, _bundle.Count)] = EntryBundle.Encode(_bundle);
        for (int level = 0; level < _edge.Count; level++)
        {
            if (_edge[level].Count > 0) files[TilePaths.Tile(level, (Size >> (8 * level)) / TilePaths.Width, _edge[level].Count)] = Concat(_edge[level]);
        }

        try
        {
            _store.WriteAll(files);
            Commit(superseded);
        }
        catch
        {
            // The disk refused (full, gone): the batch is not acknowledged, and memory goes back to what is on disk
            // (now, or before the next append if the disk still refuses).
            _broken = true;
            try
            {
                Reload();
                _broken = false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Stays broken; the next append tries again.
            }

            throw;
        }

        return first;
    }

    /// <summary>Forgets the in-memory state and reads the last committed checkpoint and right edge again.</summary>
    private void Reload()
    {
        _edge.Clear();
        _bundle.Clear();
        var latest = _store.Read(LatestPath);
        if (latest is null)
        {
            Size = 0;
            RootHash = TreeHasher.EmptyRoot();
            return;
        }

        Load(latest, _verifier);
    }

    private void Load(byte[] latest, INoteVerifier verifier)
    {
        var opened = SignedNote.Open(latest, [verifier]);
        if (!opened.Ok) throw new LedgerDataException($"{LatestPath}: {opened.Error}");
        var checkpoint = Checkpoint.Parse(opened.Value.Text);
        if (!checkpoint.Ok) throw new LedgerDataException($"{LatestPath}: {checkpoint.Error}");
        if (!string.Equals(checkpoint.Value.Origin, _signer.Name, StringComparison.Ordinal)) throw new LedgerDataException($"{LatestPath}: origin {checkpoint.Value.Origin} is not this log's ({_signer.Name})");
        Size = checkpoint.Value.Size;
        RootHash = checkpoint.Value.RootHash;
        LatestNote = Encoding.UTF8.GetString(latest);
        LoadEdge();
        RemoveBeyondSize();
    }

    /// <summary>The tree at the latest size, read through the store (used for proofs while writing).</summary>
    public TileTree Tree() => new(_store, Size);

    private void AddHash(int level, byte[] hash, Dictionary<string, byte[]> files, List<string> superseded)
    {
        while (_edge.Count <= level) _edge.Add([]);
        var tile = _edge[level];
        tile.Add(hash);
        if (tile.Count < TilePaths.Width) return;
        ulong index = ((Size >> (8 * level)) / TilePaths.Width) - 1;
        files[TilePaths.Tile(level, index, TilePaths.Width)] = Concat(tile);
        superseded.Add(TilePaths.PartialFolder(level, index));
        var root = new ExpandedTile(Concat(tile)).Root;
        tile.Clear();
        AddHash(level + 1, root, files, superseded);
    }

    private void Commit(List<string> superseded)
    {
        RootHash = ProofBuilder.Root(new EdgeNodes(_edge, Size), Size);
        string text = new Checkpoint(_signer.Name, Size, RootHash).Format();
        LatestNote = SignedNote.Sign(text, [_signer]);
        _store.WriteAll([new(LatestPath, Encoding.UTF8.GetBytes(LatestNote))]);

        // Partial tiles are kept until their full tile is durable and committed; clients fall back to the full one.
        foreach (var folder in superseded) _store.Delete(folder);
    }

    private void LoadEdge()
    {
        for (int level = 0; (Size >> (8 * level)) > 0; level++)
        {
            ulong complete = Size >> (8 * level);
            int width = (int)(complete % TilePaths.Width);
            var hashes = new List<byte[]>();
            if (width > 0)
            {
                var bytes = TileReads.ReadTile(_store, level, complete / TilePaths.Width, width);
                if (bytes is null || bytes.Length != width * TreeHasher.HashSize) throw new LedgerDataException($"{TilePaths.Tile(level, complete / TilePaths.Width, width)} is missing or has the wrong length");
                for (int i = 0; i < width; i++) hashes.Add(bytes[(i * 32)..((i + 1) * 32)]);
            }

            _edge.Add(hashes);
        }

        int bundleWidth = (int)(Size % TilePaths.Width);
        if (bundleWidth > 0)
        {
            var bytes = TileReads.ReadBundle(_store, Size / TilePaths.Width, bundleWidth)
                ?? throw new LedgerDataException($"{TilePaths.Bundle(Size / TilePaths.Width, bundleWidth)} is missing");
            var entries = EntryBundle.Parse(bytes, Size - (ulong)bundleWidth);
            if (!entries.Ok || entries.Value.Count != bundleWidth) throw new LedgerDataException($"{TilePaths.Bundle(Size / TilePaths.Width, bundleWidth)}: {entries.Error ?? "wrong entry count"}");
            _bundle.AddRange(entries.Value);
        }

        var root = ProofBuilder.Root(new EdgeNodes(_edge, Size), Size);
        if (!root.AsSpan().SequenceEqual(RootHash)) throw new LedgerDataException($"the tiles at the right edge do not give the root of {LatestPath}");
    }

    /// <summary>Removes what a crashed batch wrote beyond the committed size, so a later batch never meets stale partial tiles.</summary>
    private void RemoveBeyondSize()
    {
        for (int level = 0; level <= TilePaths.MaxLevel; level++)
        {
            if (!_store.Exists("tile/" + level.ToString(System.Globalization.CultureInfo.InvariantCulture))) break;
            ulong complete = Size >> (8 * level);
            RemoveFrom(complete, (i, w) => TilePaths.Tile(level, i, w), i => TilePaths.PartialFolder(level, i));
        }

        if (_store.Exists("tile/entries")) RemoveFrom(Size, TilePaths.Bundle, TilePaths.BundlePartialFolder);
    }

    private void RemoveFrom(ulong complete, Func<ulong, int, string> path, Func<ulong, string> partialFolder)
    {
        ulong index = complete / TilePaths.Width;
        int width = (int)(complete % TilePaths.Width);
        _store.Delete(path(index, TilePaths.Width));
        foreach (string name in _store.List(partialFolder(index)))
        {
            if (!int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int w) || w > width) _store.Delete(partialFolder(index) + "/" + name);
        }

        for (ulong next = index + 1; _store.Exists(path(next, TilePaths.Width)) || _store.Exists(partialFolder(next)); next++)
        {
            _store.Delete(path(next, TilePaths.Width));
            _store.Delete(partialFolder(next));
        }
    }

    private static byte[] Concat(List<byte[]> hashes)
    {
        var bytes = new byte[hashes.Count * TreeHasher.HashSize];
        for (int i = 0; i < hashes.Count; i++) hashes[i].CopyTo(bytes, i * TreeHasher.HashSize);
        return bytes;
    }

    /// <summary>The nodes of the right edge, enough for the root: every node it needs lies in a partial tile.</summary>
    private sealed class EdgeNodes(List<List<byte[]>> edge, ulong size) : INodeSource
    {
        private readonly Dictionary<int, ExpandedTile> _expanded = [];

        public byte[] Node(int height, ulong index)
        {
            int level = height / 8;
            int sub = height % 8;
            ulong tileStart = ((size >> (8 * level)) / TilePaths.Width) * TilePaths.Width;
            if (!_expanded.TryGetValue(level, out var tile)) _expanded[level] = tile = new ExpandedTile(Concat(edge[level]));
            return tile.Node(sub, (int)((index << sub) - tileStart) >> sub).ToArray();
        }
    }
}
