using System.Runtime.ExceptionServices;
using System.Text;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// Appends entries to a tiled log with group commit. A batch is hashed, its signed checkpoint made, and its record
/// written to the write-ahead segment (<see cref="WriteAheadLog"/>) and its tiles and bundles to the C2SP paths, all
/// without waiting for the disk; then one fsync of the segment makes every batch written so far durable, the latest
/// checkpoint (<see cref="LatestPath"/>) is replaced, and every caller of those batches returns. Callers that arrive
/// while an fsync is under way are committed together by the next one. A returned append is therefore on disk (in
/// the segment) and visible under <see cref="LatestPath"/>; the tiles reach the disk in the background, before the
/// segment that can rebuild them is deleted. Opening replays the segments, so any crash (process or power) loses
/// no returned append. One writer per log (the caller holds <see cref="Log.LogLock"/>); <see cref="Append"/> may be
/// called from many threads. Stores other than a folder (memory) have no segment.
/// </summary>
internal sealed class TileLogWriter : IDisposable
{
    /// <summary>The latest durable checkpoint, signed by the log; the public <c>checkpoint</c> follows it once the witness policy is met.</summary>
    public const string LatestPath = "state/latest";

    private readonly ITileStore _store;
    private readonly INoteSigner _signer;
    private readonly INoteVerifier _verifier;
    private readonly WriteAheadLog? _wal;
    private readonly TileLogOptions _options;

    // Tree state after every batch staged so far (guarded by _stageLock).
    private readonly List<List<byte[]>> _edge = [];
    private readonly List<byte[]> _bundle = [];
    private ulong _stagedSize;

    private readonly object _queueLock = new();
    private readonly Lock _stageLock = new();
    private readonly Lock _syncLock = new();
    private readonly Queue<Request> _queue = new();
    private int _queuedEntries;
    private readonly List<Staged> _pending = [];
    private Task _durability = Task.CompletedTask;
    private volatile bool _broken;

    private TileLogWriter(ITileStore store, INoteSigner signer, INoteVerifier verifier, TileLogOptions options)
    {
        _store = store;
        _signer = signer;
        _verifier = verifier;
        _options = options;
        _wal = store is FileTileStore files ? new WriteAheadLog(files.Root) : null;
    }

    /// <summary>The size of the latest committed (durable, acknowledged) checkpoint.</summary>
    public ulong Size { get; private set; }

    public byte[] RootHash { get; private set; } = TreeHasher.EmptyRoot();

    /// <summary>The signed note of the latest committed checkpoint.</summary>
    public string LatestNote { get; private set; } = string.Empty;

    public string Origin => _signer.Name;

    /// <summary>Group commits done (one fsync of the segment each) and batches staged: their ratio shows how many calls shared an fsync.</summary>
    public (long Commits, long Batches, long Calls) Counters => (Interlocked.Read(ref _commits), Interlocked.Read(ref _batches), Interlocked.Read(ref _calls));

    private long _commits;
    private long _batches;
    private long _calls;

    /// <summary>Opens (or starts, if it has no checkpoint yet) the log in <paramref name="store"/>, signing as <paramref name="signer"/>; replays its write-ahead segments.</summary>
    public static TileLogWriter Open(ITileStore store, INoteSigner signer, INoteVerifier verifier, TileLogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(verifier);
        var writer = new TileLogWriter(store, signer, verifier, options ?? new TileLogOptions());
        try
        {
            writer.Recover();
        }
        catch
        {
            writer._wal?.Dispose();
            throw;
        }

        return writer;
    }

    /// <summary>
    /// Appends a batch durably and returns the index of its first entry. Concurrent callers share commits: the
    /// entries of one call stay together and in order; calls are ordered by their commit.
    /// </summary>
    public ulong Append(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            if (e is null || e.Length > EntryBundle.MaxEntryBytes) throw new ArgumentException($"an entry has at most {EntryBundle.MaxEntryBytes} bytes", nameof(entries));
        }

        if (entries.Count == 0)
        {
            lock (_syncLock) return Size;
        }

        var request = new Request(entries);
        lock (_queueLock)
        {
            _queue.Enqueue(request);
            _queuedEntries += entries.Count;
            if (_queuedEntries >= _options.MaxBatch) Monitor.PulseAll(_queueLock);
        }

        lock (_stageLock)
        {
            // A commit takes the oldest requests first, so ours may need more than one.
            while (!request.Staged) StageQueued();
        }

        lock (_syncLock)
        {
            if (!request.Done) SyncPending();
        }

        if (request.Error is not null)
        {
            // Back to what is committed at once, so the writer's state and files never show the failed batch.
            lock (_stageLock)
            {
                lock (_syncLock) TryReload();
            }

            ExceptionDispatchInfo.Throw(request.Error);
        }

        return request.First;
    }

    /// <summary>The tree at the latest committed size, read through the store (used for proofs while writing).</summary>
    public TileTree Tree() => new(_store, Size);

    /// <summary>Waits for the background flush, makes every file durable and starts a fresh segment, so the next open replays nothing.</summary>
    public void Dispose()
    {
        lock (_stageLock)
        {
            lock (_syncLock)
            {
                try
                {
                    WaitForDurability();
                    if (_wal is not null && !_broken && _stagedSize != _wal.CurrentBase)
                    {
                        Checkpoint();
                        WaitForDurability();
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The segments stay; the next open replays them.
                }
                finally
                {
                    _wal?.Dispose();
                }
            }
        }
    }

    /// <summary>Takes queued requests (whole, up to the batch size, waiting up to the batch latency for more) and stages them as one batch.</summary>
    private void StageQueued()
    {
        var taken = new List<Request>();
        lock (_queueLock)
        {
            if (_options.MaxDelay > TimeSpan.Zero && _queuedEntries < _options.MaxBatch)
            {
                var deadline = DateTime.UtcNow + _options.MaxDelay;
                while (_queuedEntries < _options.MaxBatch && DateTime.UtcNow < deadline) Monitor.Wait(_queueLock, deadline - DateTime.UtcNow);
            }

            int count = 0;
            while (_queue.Count > 0 && (taken.Count == 0 || count + _queue.Peek().Entries.Count <= _options.MaxBatch))
            {
                var r = _queue.Dequeue();
                taken.Add(r);
                count += r.Entries.Count;
                _queuedEntries -= r.Entries.Count;
            }
        }

        if (taken.Count == 0) return;
        try
        {
            if (_broken)
            {
                lock (_syncLock) Reload();
            }

            if (_wal is not null && _wal.Length >= _options.SegmentBytes)
            {
                lock (_syncLock)
                {
                    SyncPending();
                    if (_broken) throw new IOException("the previous commit failed");
                    Checkpoint();
                }
            }

            var entries = taken.Count == 1 ? taken[0].Entries : taken.SelectMany(r => r.Entries).ToList();
            ulong first = _stagedSize;
            var staged = Stage(entries);
            ulong at = first;
            foreach (var r in taken)
            {
                r.First = at;
                at += (ulong)r.Entries.Count;
            }

            staged.Requests.AddRange(taken);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _calls, taken.Count);
            lock (_pending) _pending.Add(staged);
        }
        catch (Exception ex)
        {
            Fail(taken, ex);
            lock (_syncLock) FailPending(ex);
        }
        finally
        {
            foreach (var r in taken) r.Staged = true;
        }
    }

    /// <summary>Hashes a batch into the tree, signs its checkpoint, writes its record and its files (no fsync).</summary>
    private Staged Stage(IReadOnlyList<byte[]> entries)
    {
        ulong first = _stagedSize;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var superseded = new List<string>();
        AddEntries(entries, files, superseded);
        var root = EdgeRoot();
        string note = SignedNote.Sign(new Checkpoint(_signer.Name, _stagedSize, root).Format(), [_signer]);
        _wal?.WriteBatch(WriteAheadLog.EncodeBatch(first, entries, note));
        _store.WriteCached(files);
        return new Staged(_stagedSize, root, note, superseded);
    }

    /// <summary>One fsync for every staged batch; then the latest checkpoint, the superseded partial tiles, and the callers.</summary>
    private void SyncPending()
    {
        List<Staged> batches;
        lock (_pending)
        {
            if (_pending.Count == 0) return;
            batches = [.. _pending];
            _pending.Clear();
        }

        var last = batches[^1];
        try
        {
            _wal?.Sync();
            Interlocked.Increment(ref _commits);
            _store.WriteCached([new(LatestPath, Encoding.UTF8.GetBytes(last.Note))]);
            Size = last.Size;
            RootHash = last.Root;
            LatestNote = last.Note;

            // Partial tiles are kept until their full tile is committed; clients fall back to the full one.
            foreach (var folder in batches.SelectMany(b => b.Superseded)) _store.Delete(folder);
        }
        catch (Exception ex)
        {
            foreach (var b in batches) Fail(b.Requests, ex);
            FailPending(ex);
            return;
        }

        foreach (var b in batches)
        {
            foreach (var r in b.Requests) r.Done = true;
        }
    }

    /// <summary>
    /// Makes every file written so far durable (in the background) and starts a new segment at the current size, whose
    /// snapshot needs no older segment; the older segments are deleted once the flush is done. Holds both locks.
    /// </summary>
    private void Checkpoint()
    {
        if (_wal is null) return;
        WaitForDurability();
        ulong baseSize = _stagedSize;
        _wal.StartSegment(baseSize, WriteAheadLog.EncodeSnapshot(LatestNote, _edge, _bundle));
        var wal = _wal;
        _durability = Task.Run(() =>
        {
            _store.SyncAll();
            wal.DeleteBefore(baseSize);
        });
    }

    private void WaitForDurability()
    {
        try
        {
            _durability.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The older segments stay; the next checkpoint flushes and deletes them.
        }
    }

    private void Fail(List<Request> requests, Exception ex)
    {
        _broken = true;
        foreach (var r in requests)
        {
            r.Error ??= ex;
            r.Done = true;
        }
    }

    /// <summary>After a failure every batch not yet committed fails too, and the segment is cut back to what was committed.</summary>
    private void FailPending(Exception ex)
    {
        List<Staged> batches;
        lock (_pending)
        {
            batches = [.. _pending];
            _pending.Clear();
        }

        foreach (var b in batches) Fail(b.Requests, ex);
        _broken = true;
        try
        {
            _wal?.TruncateToSynced();
        }
        catch (Exception cut) when (cut is IOException or UnauthorizedAccessException)
        {
            // Reload replays what the segment holds; a batch whose caller saw the error may then appear in the log.
        }
    }

    private void TryReload()
    {
        if (!_broken) return;
        try
        {
            Reload();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Stays broken; the next append tries again.
        }
    }

    /// <summary>Forgets the in-memory state and opens the log again from disk (after a failed write).</summary>
    private void Reload()
    {
        _edge.Clear();
        _bundle.Clear();
        _stagedSize = 0;
        Recover();
        _broken = false;
    }

    /// <summary>Reads the log back: from the oldest write-ahead segment (replaying its batches) or, without one, from the files.</summary>
    private void Recover()
    {
        var segments = _wal?.Segments() ?? [];
        if (segments.Count == 0)
        {
            var latest = _store.Read(LatestPath);
            if (latest is null)
            {
                RemoveBeyondSize(0);
                Commit(EdgeRoot(), SignedNote.Sign(new Checkpoint(_signer.Name, 0, EdgeRoot()).Format(), [_signer]));
                _store.WriteAll([new(LatestPath, Encoding.UTF8.GetBytes(LatestNote))]);
            }
            else
            {
                Load(latest);
            }

            if (_wal is not null)
            {
                // A log from before the write-ahead segments (or a new one): its files were flushed one by one.
                _store.SyncAll();
                _wal.StartSegment(_stagedSize, WriteAheadLog.EncodeSnapshot(LatestNote, _edge, _bundle));
            }

            return;
        }

        var wal = _wal!;
        bool replayed = false;
        (ulong Base, string Path, long End) last = (0, string.Empty, 0);
        for (int s = 0; s < segments.Count; s++)
        {
            var (baseSize, path) = segments[s];
            var contents = WriteAheadLog.Read(path);
            if (contents.Records.Count == 0 || contents.Records[0].Kind != SegmentContents.Snapshot)
            {
                if (s == segments.Count - 1 && s > 0)
                {
                    // A segment whose creation was cut short: nothing was ever committed in it.
                    File.Delete(path);
                    segments = segments.Take(s).ToList();
                    break;
                }

                throw new LedgerDataException($"{WriteAheadLog.FolderPath}/{Path.GetFileName(path)}: no snapshot at its start");
            }

            LoadSnapshot(contents.Records[0].Payload.Span, baseSize, path, first: s == 0);
            long end = contents.Records[0].End;
            for (int r = 1; r < contents.Records.Count; r++)
            {
                var (kind, payload, recordEnd) = contents.Records[r];
                if (kind != SegmentContents.Batch || !Replay(payload.Span)) break;
                end = recordEnd;
                replayed = true;
            }

            if (end != contents.FileLength && s < segments.Count - 1)
            {
                throw new LedgerDataException($"{WriteAheadLog.FolderPath}/{Path.GetFileName(path)}: damaged at byte {end}, and newer segments follow");
            }

            last = (baseSize, path, end);
        }

        wal.Resume(last.Base, last.Path, last.End);

        _store.WriteCached([new(LatestPath, Encoding.UTF8.GetBytes(LatestNote))]);
        RemoveBeyondSize(_stagedSize);
        if (replayed || segments.Count > 1)
        {
            // The replayed files are flushed now, and a fresh segment starts: the next open replays nothing.
            _store.SyncAll();
            wal.StartSegment(_stagedSize, WriteAheadLog.EncodeSnapshot(LatestNote, _edge, _bundle));
            wal.DeleteBefore(_stagedSize);
        }
    }

    private void LoadSnapshot(ReadOnlySpan<byte> payload, ulong baseSize, string path, bool first)
    {
        string name = $"{WriteAheadLog.FolderPath}/{Path.GetFileName(path)}";
        var snapshot = WriteAheadLog.DecodeSnapshot(payload);
        if (!snapshot.Ok) throw new LedgerDataException($"{name}: {snapshot.Error}");
        var checkpoint = OpenCheckpoint(snapshot.Value.Note, name);
        if (checkpoint.Size != baseSize) throw new LedgerDataException($"{name}: its snapshot is of size {checkpoint.Size}");
        if (!first)
        {
            if (baseSize != _stagedSize || !checkpoint.RootHash.AsSpan().SequenceEqual(EdgeRoot())) throw new LedgerDataException($"{name}: does not continue the segment before it");
            return;
        }

        _edge.Clear();
        _edge.AddRange(snapshot.Value.Edge);
        _bundle.Clear();
        _bundle.AddRange(snapshot.Value.Bundle);
        _stagedSize = baseSize;
        bool bundleMatches = _bundle.Count == (int)(baseSize % TilePaths.Width) && (_bundle.Count == 0 || (_edge.Count > 0 && _edge[0].Count == _bundle.Count && _bundle.Select(e => TreeHasher.HashLeaf(e)).Zip(_edge[0]).All(p => p.First.AsSpan().SequenceEqual(p.Second))));
        if (!bundleMatches || !EdgeRoot().AsSpan().SequenceEqual(checkpoint.RootHash)) throw new LedgerDataException($"{name}: its snapshot does not give the root of its checkpoint");
        Commit(checkpoint.RootHash, snapshot.Value.Note);
    }

    /// <summary>Applies one batch record; false when it does not continue the tree or its checkpoint does not match (a torn tail).</summary>
    private bool Replay(ReadOnlySpan<byte> payload)
    {
        var batch = WriteAheadLog.DecodeBatch(payload);
        if (!batch.Ok || batch.Value.First != _stagedSize) return false;
        Checkpoint checkpoint;
        try
        {
            checkpoint = OpenCheckpoint(batch.Value.Note, WriteAheadLog.FolderPath);
        }
        catch (LedgerDataException)
        {
            return false;
        }

        if (checkpoint.Size != _stagedSize + (ulong)batch.Value.Entries.Count) return false;

        // Applied to copies first: a record that does not give its checkpoint's root leaves the tree as it was.
        var edge = _edge.Select(l => l.ToList()).ToList();
        var bundle = _bundle.ToList();
        ulong size = _stagedSize;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var superseded = new List<string>();
        AddEntries(batch.Value.Entries, files, superseded);
        if (!EdgeRoot().AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            _edge.Clear();
            _edge.AddRange(edge);
            _bundle.Clear();
            _bundle.AddRange(bundle);
            _stagedSize = size;
            return false;
        }

        _store.WriteCached(files);
        foreach (var folder in superseded) _store.Delete(folder);
        Commit(checkpoint.RootHash, batch.Value.Note);
        return true;
    }

    private Checkpoint OpenCheckpoint(string note, string where)
    {
        var opened = SignedNote.Open(note, [_verifier]);
        if (!opened.Ok) throw new LedgerDataException($"{where}: {opened.Error}");
        var checkpoint = Checkpoints.Checkpoint.Parse(opened.Value.Text);
        if (!checkpoint.Ok) throw new LedgerDataException($"{where}: {checkpoint.Error}");
        if (!string.Equals(checkpoint.Value.Origin, _signer.Name, StringComparison.Ordinal)) throw new LedgerDataException($"{where}: origin {checkpoint.Value.Origin} is not this log's ({_signer.Name})");
        return checkpoint.Value;
    }

    private void Commit(byte[] root, string note)
    {
        Size = _stagedSize;
        RootHash = root;
        LatestNote = note;
    }

    /// <summary>Reads a log that has no write-ahead segment from its files (the right edge from its partial tiles).</summary>
    private void Load(byte[] latest)
    {
        var checkpoint = OpenCheckpoint(Encoding.UTF8.GetString(latest), LatestPath);
        _stagedSize = checkpoint.Size;
        LoadEdge(checkpoint.RootHash);
        Commit(checkpoint.RootHash, Encoding.UTF8.GetString(latest));
        RemoveBeyondSize(_stagedSize);
    }

    private void AddEntries(IReadOnlyList<byte[]> entries, Dictionary<string, byte[]> files, List<string> superseded)
    {
        Span<byte> leaf = stackalloc byte[TreeHasher.HashSize];
        foreach (var entry in entries)
        {
            TreeHasher.HashLeaf(entry, leaf);
            _bundle.Add(entry);
            _stagedSize = checked(_stagedSize + 1);
            if (_bundle.Count == TilePaths.Width)
            {
                ulong index = (_stagedSize / TilePaths.Width) - 1;
                files[TilePaths.Bundle(index, TilePaths.Width)] = EntryBundle.Encode(_bundle);
                superseded.Add(TilePaths.BundlePartialFolder(index));
                _bundle.Clear();
            }

            AddHash(0, leaf.ToArray(), files, superseded);
        }

        if (_bundle.Count > 0) files[TilePaths.Bundle(_stagedSize / TilePaths.Width, _bundle.Count)] = EntryBundle.Encode(_bundle);
        for (int level = 0; level < _edge.Count; level++)
        {
            if (_edge[level].Count > 0) files[TilePaths.Tile(level, (_stagedSize >> (8 * level)) / TilePaths.Width, _edge[level].Count)] = Concat(_edge[level]);
        }
    }

    private void AddHash(int level, byte[] hash, Dictionary<string, byte[]> files, List<string> superseded)
    {
        while (_edge.Count <= level) _edge.Add([]);
        var tile = _edge[level];
        tile.Add(hash);
        if (tile.Count < TilePaths.Width) return;
        ulong index = ((_stagedSize >> (8 * level)) / TilePaths.Width) - 1;
        var bytes = Concat(tile);
        files[TilePaths.Tile(level, index, TilePaths.Width)] = bytes;
        superseded.Add(TilePaths.PartialFolder(level, index));
        var root = new byte[TreeHasher.HashSize];
        TileHashing.Root(bytes, root);
        tile.Clear();
        AddHash(level + 1, root, files, superseded);
    }

    private byte[] EdgeRoot() => ProofBuilder.Root(new EdgeNodes(_edge, _stagedSize), _stagedSize);

    private void LoadEdge(byte[] expectedRoot)
    {
        for (int level = 0; (_stagedSize >> (8 * level)) > 0; level++)
        {
            ulong complete = _stagedSize >> (8 * level);
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

        int bundleWidth = (int)(_stagedSize % TilePaths.Width);
        if (bundleWidth > 0)
        {
            var bytes = TileReads.ReadBundle(_store, _stagedSize / TilePaths.Width, bundleWidth)
                ?? throw new LedgerDataException($"{TilePaths.Bundle(_stagedSize / TilePaths.Width, bundleWidth)} is missing");
            var entries = EntryBundle.Parse(bytes, _stagedSize - (ulong)bundleWidth);
            if (!entries.Ok || entries.Value.Count != bundleWidth) throw new LedgerDataException($"{TilePaths.Bundle(_stagedSize / TilePaths.Width, bundleWidth)}: {entries.Error ?? "wrong entry count"}");
            _bundle.AddRange(entries.Value);
        }

        if (!EdgeRoot().AsSpan().SequenceEqual(expectedRoot)) throw new LedgerDataException($"the tiles at the right edge do not give the root of {LatestPath}");
    }

    /// <summary>Removes what a crashed batch wrote beyond the committed size, so a later batch never meets stale partial tiles.</summary>
    private void RemoveBeyondSize(ulong size)
    {
        for (int level = 0; level <= TilePaths.MaxLevel; level++)
        {
            if (!_store.Exists("tile/" + level.ToString(System.Globalization.CultureInfo.InvariantCulture))) break;
            ulong complete = size >> (8 * level);
            RemoveFrom(complete, (i, w) => TilePaths.Tile(level, i, w), i => TilePaths.PartialFolder(level, i));
        }

        if (_store.Exists("tile/entries")) RemoveFrom(size, TilePaths.Bundle, TilePaths.BundlePartialFolder);
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

    private sealed class Request(IReadOnlyList<byte[]> entries)
    {
        public IReadOnlyList<byte[]> Entries { get; } = entries;

        public ulong First { get; set; }

        public volatile bool Staged;

        public volatile bool Done;

        public Exception? Error { get; set; }
    }

    private sealed record Staged(ulong Size, byte[] Root, string Note, List<string> Superseded)
    {
        public List<Request> Requests { get; } = [];
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

/// <summary>How a writer batches: group commit up to <see cref="MaxBatch"/> entries, waiting up to <see cref="MaxDelay"/> for them.</summary>
internal sealed record TileLogOptions
{
    /// <summary>Most entries committed in one batch (a single larger call is committed whole).</summary>
    public int MaxBatch { get; init; } = 1024;

    /// <summary>How long a batch waits for more entries before it is written (0: at once; calls that arrive during an fsync join the next commit anyway).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.Zero;

    /// <summary>A new write-ahead segment starts (and the files behind the old one are flushed in the background) past this many bytes.</summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;
}
