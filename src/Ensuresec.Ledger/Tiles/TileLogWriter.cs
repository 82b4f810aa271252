using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// Appends entries to a tiled log with group commit. Staging a batch only hashes it into the tree (<see cref="RightEdge"/>).
/// A commit then takes every batch staged so far: it appends their records to the write-ahead segment
/// (<see cref="WriteAheadLog"/>) and, while one fsync of the segment runs, writes their full tiles and bundles and
/// the partial tiles of the last one and signs its checkpoint; once both are done, the latest checkpoint
/// (<see cref="LatestPath"/>) is replaced and every caller of those batches returns. Callers that arrive while a
/// commit runs are staged meanwhile (the hashing of the next batches overlaps the disk work of the commit before)
/// and committed together by the next one. A returned append is therefore on disk (in the segment) and visible
/// under <see cref="LatestPath"/> with every file it needs; the tiles reach the disk in the background, before the
/// segment that can rebuild them is deleted. Opening replays the segments, so any crash (process or power) loses no
/// returned append. One writer per log (the caller holds <see cref="Log.LogLock"/>); <see cref="Append"/> may be
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
    private readonly IoThread? _walThread;
    private readonly TileLogOptions _options;
    private readonly byte[] _walKey;

    // Tree state after every batch staged so far (guarded by _stageLock).
    private RightEdge _edge = new();

    // The partial tile last written at each level (guarded by _syncLock). A partial tile above level 0 keeps its path
    // for many commits; rewriting it in place would show a reader (or leave after a kill) an empty file under a
    // checkpoint that covers it, so a path written once is not written again.
    private readonly string?[] _partialWritten = new string?[8];

    // The folders of partial tiles and bundles this writer wrote (guarded by _syncLock): only these are deleted when
    // their full tile arrives (most full tiles of a batched log never had a partial, and a lookup costs).
    private readonly HashSet<string> _partialFolders = new(StringComparer.Ordinal);

    private readonly object _queueLock = new();
    private readonly Lock _stageLock = new();
    private readonly Lock _syncLock = new();
    private readonly Queue<Request> _queue = new();
    private int _queuedEntries;
    private readonly List<Staged> _pending = [];
    private Task _durability = Task.CompletedTask;
    private volatile bool _broken;
    private bool _committing;

    private TileLogWriter(ITileStore store, INoteSigner signer, INoteVerifier verifier, TileLogOptions options)
    {
        _store = store;
        _signer = signer;
        _verifier = verifier;
        _options = options;
        _wal = store is FileTileStore files ? new WriteAheadLog(files.Root) : null;
        _walThread = _wal is null ? null : new IoThread("ledger segment writer");

        // The key of the records' MACs: only the holder of the log key can derive it (Ed25519 signatures are
        // deterministic), so a record added to a segment by someone else is not replayed.
        _walKey = SHA256.HashData(signer.Sign(Encoding.UTF8.GetBytes("ensuresec write-ahead record key v1\n" + signer.Name + "\n")));
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
            writer._walThread?.Dispose();
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
        var request = Enqueue(entries);
        if (request is null)
        {
            lock (_syncLock) return Size;
        }

        request.Wait();
        return Finish(request);
    }

    /// <summary>
    /// Queues a batch and returns at once; the task ends when the batch is durable (as <see cref="Append"/> returns).
    /// Calls are staged in the order they are made, so one caller can keep several batches in flight and still
    /// append them in order; when one fails, the batches queued after it fail too.
    /// </summary>
    public Task<ulong> AppendAsync(IReadOnlyList<byte[]> entries)
    {
        var request = Enqueue(entries);
        if (request is null)
        {
            lock (_syncLock) return Task.FromResult(Size);
        }

        return request.Completion.ContinueWith(_ => Finish(request), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Checks and queues a call; null for no entries.</summary>
    private Request? Enqueue(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            if (e is null || e.Length > EntryBundle.MaxEntryBytes) throw new ArgumentException($"an entry has at most {EntryBundle.MaxEntryBytes} bytes", nameof(entries));
        }

        if (entries.Count == 0) return null;
        var request = new Request(entries);
        lock (_queueLock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            StartThreads();
            _queue.Enqueue(request);
            _queuedEntries += entries.Count;
            Monitor.PulseAll(_queueLock);
        }

        return request;
    }

    /// <summary>The index of an ended call's first entry, or its error (after going back to what is committed).</summary>
    private ulong Finish(Request request)
    {
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

    /// <summary>Waits for the appends under way, the background flush, makes every file durable and starts a fresh segment, so the next open replays nothing.</summary>
    public void Dispose()
    {
        lock (_queueLock)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.PulseAll(_queueLock);
        }

        _stager?.Join();
        lock (_pending)
        {
            _stagerDone = true;
            Monitor.PulseAll(_pending);
        }

        _committer?.Join();
        lock (_stageLock)
        {
            lock (_syncLock)
            {
                try
                {
                    WaitForDurability();
                    if (_wal is not null && !_broken && _edge.Size != _wal.CurrentBase)
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
                    _walThread?.Dispose();
                    _wal?.Dispose();
                }
            }
        }
    }

    // Two threads of the writer's own: one hashes queued calls into batches (the stager), the other commits the
    // batches staged so far (the committer), so hashing and the disk work of the commit before overlap however many
    // callers there are. Callers only queue and wait: when they took turns at both, a caller back from its commit
    // took the stager's lock again before the callers already waiting for it, and the two stages ran one after the other.
    private Thread? _stager;
    private Thread? _committer;
    private bool _stopping;
    private bool _stagerDone;

    /// <summary>Starts the stager and the committer on the first append (under the queue lock).</summary>
    private void StartThreads()
    {
        if (_stager is not null) return;
        _stager = new Thread(StagerLoop) { IsBackground = true, Name = "ledger stager" };
        _committer = new Thread(CommitterLoop) { IsBackground = true, Name = "ledger committer" };
        _stager.Start();
        _committer.Start();
    }

    private void StagerLoop()
    {
        while (true)
        {
            var taken = TakeQueued();
            if (taken is null) return;
            lock (_stageLock) StageRequests(taken);
        }
    }

    private void CommitterLoop()
    {
        while (true)
        {
            lock (_pending)
            {
                while (_pending.Count == 0 && !_stagerDone) Monitor.Wait(_pending);
                if (_pending.Count == 0) return;
            }

            try
            {
                lock (_syncLock) SyncPending();
            }
            catch (Exception ex)
            {
                // Never expected (a commit fails its callers itself); the callers must not wait forever.
                lock (_syncLock) FailPending(ex);
            }
        }
    }

    /// <summary>
    /// Takes queued requests (whole, up to the batch size) for the next batch; null once the writer stops and the queue
    /// is empty. While a commit runs, a batch smaller than the batch size waits for it to end (or to fill), so small
    /// calls arriving meanwhile are hashed as one batch; with a batch latency set, any batch waits up to it to fill.
    /// </summary>
    private List<Request>? TakeQueued()
    {
        lock (_queueLock)
        {
            while (_queue.Count == 0 && !_stopping) Monitor.Wait(_queueLock);
            if (_queue.Count == 0) return null;
            while (_committing && _queuedEntries < _options.MaxBatch && !_stopping) Monitor.Wait(_queueLock);
            if (_options.MaxDelay > TimeSpan.Zero && _queuedEntries < _options.MaxBatch)
            {
                var deadline = DateTime.UtcNow + _options.MaxDelay;
                while (_queuedEntries < _options.MaxBatch && !_stopping && DateTime.UtcNow < deadline) Monitor.Wait(_queueLock, deadline - DateTime.UtcNow);
            }

            var taken = new List<Request>();
            int count = 0;
            while (_queue.Count > 0 && (taken.Count == 0 || count + _queue.Peek().Entries.Count <= _options.MaxBatch))
            {
                var r = _queue.Dequeue();
                taken.Add(r);
                count += r.Entries.Count;
                _queuedEntries -= r.Entries.Count;
            }

            return taken;
        }
    }

    /// <summary>Hashes the taken requests as one batch and hands it to the committer (holds the stage lock).</summary>
    private void StageRequests(List<Request> taken)
    {
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
            var staged = Stage(entries);
            ulong at = staged.First;
            foreach (var r in taken)
            {
                r.First = at;
                at += (ulong)r.Entries.Count;
            }

            staged.Requests.AddRange(taken);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _calls, taken.Count);
            lock (_pending)
            {
                _pending.Add(staged);
                Monitor.PulseAll(_pending);
            }
        }
        catch (Exception ex)
        {
            Fail(taken, ex);
            lock (_syncLock) FailPending(ex);
        }
    }

    /// <summary>Hashes a batch into the tree: no disk, no signature (the commit does those, once for all its batches).</summary>
    private Staged Stage(IReadOnlyList<byte[]> entries)
    {
        ulong first = _edge.Size;
        var full = new List<KeyValuePair<string, byte[]>>();
        var superseded = new List<string>();
        foreach (var entry in entries) _edge.Add(entry, full, superseded);
        return new Staged(first, entries, _edge.Size, _edge.Root(), full, _edge.PartialTiles(), [.. _edge.BundleEntries], superseded);
    }

    /// <summary>
    /// Commits every staged batch: their records go to the segment, and while its fsync runs their files are written
    /// and the last one's checkpoint signed; then the latest checkpoint, the superseded partial tiles, and the callers.
    /// </summary>
    private void SyncPending()
    {
        if (_broken)
        {
            // Staged on top of a batch whose commit failed: not written (the next stage reloads from disk).
            FailStaged(new IOException("an earlier commit of this log failed; this batch was not written"));
            return;
        }

        List<Staged> batches;
        lock (_pending)
        {
            if (_pending.Count == 0) return;
            batches = [.. _pending];
            _pending.Clear();
        }

        lock (_queueLock) _committing = true;
        try
        {
            CommitBatches(batches);
        }
        finally
        {
            lock (_queueLock)
            {
                _committing = false;
                Monitor.PulseAll(_queueLock);
            }
        }
    }

    private void CommitBatches(List<Staged> batches)
    {
        var last = batches[^1];
        try
        {
            if (_wal is not null)
            {
                foreach (var b in batches) _wal.AddRootedBatch(b.First, b.Entries, b.Root, Mac(b.First, b.Size, b.Root));
                _walThread!.Start(_wal.WriteCommit);
            }

            // Only the last batch's partial tiles: no checkpoint is made at the sizes of the batches before it.
            foreach (var b in batches) _store.WriteNew(b.Full);
            var partials = new List<KeyValuePair<string, byte[]>>();
            foreach (var (level, path, bytes) in last.PartialTiles)
            {
                if (string.Equals(_partialWritten[level], path, StringComparison.Ordinal)) continue;
                partials.Add(new(path, bytes));
                _partialWritten[level] = path;
            }

            if (last.BundleEntries.Length > 0) partials.Add(new(TilePaths.Bundle(last.Size / TilePaths.Width, last.BundleEntries.Length), EntryBundle.Encode(last.BundleEntries)));
            foreach (var (path, _) in partials) _partialFolders.Add(path[..path.LastIndexOf('/')]);
            _store.WriteNew(partials);
            string note = Sign(last.Size, last.Root);
            _walThread?.Wait();
            Interlocked.Increment(ref _commits);
            _store.Replace(LatestPath, Encoding.UTF8.GetBytes(note));
            Size = last.Size;
            RootHash = last.Root;
            LatestNote = note;

            // Partial tiles are kept until their full tile is committed; clients fall back to the full one. A folder
            // store keeps their files as spares for the next new files (see SpareFiles).
            foreach (var folder in batches.SelectMany(b => b.Superseded).Where(_partialFolders.Remove)) _store.Retire(folder);
        }
        catch (Exception ex)
        {
            // The segment is not touched while its fsync may still run.
            try
            {
                _walThread?.Wait();
            }
            catch (Exception)
            {
                // Reported through ex (the same error, when the fsync failed).
            }

            foreach (var b in batches) Fail(b.Requests, ex);
            FailPending(ex);
            return;
        }

        foreach (var b in batches)
        {
            foreach (var r in b.Requests) r.Complete(null);
        }
    }

    private string Sign(ulong size, byte[] root) => SignedNote.Sign(new Checkpoint(_signer.Name, size, root).Format(), [_signer]);

    /// <summary>HMAC-SHA256 of a batch record's first index, size after it and root, keyed by <see cref="_walKey"/>.</summary>
    private byte[] Mac(ulong first, ulong size, byte[] root)
    {
        Span<byte> message = stackalloc byte[16 + TreeHasher.HashSize];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(message, first);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(message[8..], size);
        root.CopyTo(message[16..]);
        return HMACSHA256.HashData(_walKey, message);
    }

    /// <summary>
    /// Makes every file written so far durable (in the background) and starts a new segment at the current size, whose
    /// snapshot needs no older segment; the older segments are deleted once the flush is done. Holds both locks.
    /// </summary>
    private void Checkpoint()
    {
        if (_wal is null) return;
        WaitForDurability();
        ulong baseSize = _edge.Size;
        _wal.StartSegment(baseSize, WriteAheadLog.EncodeSnapshot(LatestNote, _edge.PartialHashes(), _edge.BundleEntries));
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
        foreach (var r in requests) r.Complete(ex);
    }

    /// <summary>Fails every staged batch not yet committed (holds the sync lock).</summary>
    private void FailStaged(Exception ex)
    {
        List<Staged> batches;
        lock (_pending)
        {
            batches = [.. _pending];
            _pending.Clear();
        }

        foreach (var b in batches)
        {
            foreach (var r in b.Requests) r.Complete(ex);
        }
    }

    /// <summary>After a failure every batch not yet committed fails too, and the segment is cut back to what was committed.</summary>
    private void FailPending(Exception ex)
    {
        FailStaged(ex);
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
        // Batches staged since the failure continue the failed one: they go too (the callers hold the sync lock).
        FailStaged(new IOException("an earlier commit of this log failed; this batch was not written"));
        _edge = new RightEdge();
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
                Commit(_edge.Root(), Sign(0, _edge.Root()));
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
                _wal.StartSegment(_edge.Size, WriteAheadLog.EncodeSnapshot(LatestNote, _edge.PartialHashes(), _edge.BundleEntries));
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
                if (!Replay(kind, payload.Span)) break;
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
        bool unaligned = !wal.Aligned;

        // Batch records carry no signed checkpoint: the replayed size gets one now.
        if (replayed && Size != _edge.Size) Commit(_edge.Root(), Sign(_edge.Size, _edge.Root()));
        RewritePartials(_edge);
        _store.WriteCached([new(LatestPath, Encoding.UTF8.GetBytes(LatestNote))]);
        RemoveBeyondSize(_edge.Size);
        if (replayed || segments.Count > 1 || unaligned)
        {
            // The replayed files are flushed now, and a fresh segment starts: the next open replays nothing.
            _store.SyncAll();
            wal.StartSegment(_edge.Size, WriteAheadLog.EncodeSnapshot(LatestNote, _edge.PartialHashes(), _edge.BundleEntries));
            wal.DeleteBefore(_edge.Size);
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
            if (baseSize != _edge.Size || !checkpoint.RootHash.AsSpan().SequenceEqual(_edge.Root())) throw new LedgerDataException($"{name}: does not continue the segment before it");
            Commit(checkpoint.RootHash, snapshot.Value.Note);
            return;
        }

        var edge = new RightEdge();
        if (!edge.Load(baseSize, snapshot.Value.Edge, snapshot.Value.Bundle) || !edge.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            throw new LedgerDataException($"{name}: its snapshot does not give the root of its checkpoint");
        }

        _edge = edge;
        Commit(checkpoint.RootHash, snapshot.Value.Note);
    }

    /// <summary>
    /// Applies one batch record (a rooted one, or one of the earlier format with its signed checkpoint) and writes its
    /// files; false when it does not continue the tree, its MAC or signature fails, or the entries do not give its
    /// root (a torn tail, or an altered record). The latest checkpoint then stays at the size before it.
    /// </summary>
    private bool Replay(byte kind, ReadOnlySpan<byte> payload)
    {
        ulong first;
        List<byte[]> entries;
        byte[] root;
        string? note = null;
        if (kind == SegmentContents.RootedBatch)
        {
            var batch = WriteAheadLog.DecodeRootedBatch(payload);
            if (!batch.Ok) return false;
            (first, entries, root, var mac) = batch.Value;
            if (first != _edge.Size || !CryptographicOperations.FixedTimeEquals(mac, Mac(first, first + (ulong)entries.Count, root))) return false;
        }
        else if (kind == SegmentContents.Batch)
        {
            var batch = WriteAheadLog.DecodeBatch(payload);
            if (!batch.Ok) return false;
            (first, entries, note) = batch.Value;
            try
            {
                var checkpoint = OpenCheckpoint(note, WriteAheadLog.FolderPath);
                if (checkpoint.Size != first + (ulong)entries.Count) return false;
                root = checkpoint.RootHash;
            }
            catch (LedgerDataException)
            {
                return false;
            }

            if (first != _edge.Size) return false;
        }
        else
        {
            return false;
        }

        // Applied to a copy first: a record that does not give its root leaves the tree as it was.
        var edge = _edge.Clone();
        var full = new List<KeyValuePair<string, byte[]>>();
        var superseded = new List<string>();
        foreach (var entry in entries) edge.Add(entry, full, superseded);
        if (!edge.Root().AsSpan().SequenceEqual(root)) return false;

        // Rewritten whole (temporary name, rename): these files may already be there, covered by the latest checkpoint,
        // or torn by a power cut (the partial tiles of every size a commit ended at too).
        _edge = edge;
        _store.WriteCached(full);
        RewritePartials(edge);
        foreach (var folder in superseded) _store.Delete(folder);
        if (note is not null) Commit(root, note);
        return true;
    }

    /// <summary>Writes the partial tiles and bundle of <paramref name="edge"/>'s size atomically (they may exist already) and remembers them.</summary>
    private void RewritePartials(RightEdge edge)
    {
        var files = edge.PartialTiles().Select(p => new KeyValuePair<string, byte[]>(p.Path, p.Bytes)).ToList();
        if (edge.PartialBundle() is { } bundle) files.Add(bundle);
        _store.WriteCached(files);
        foreach (var (path, _) in files) _partialFolders.Add(path[..path.LastIndexOf('/')]);
        Array.Clear(_partialWritten);
        foreach (var (level, path, _) in edge.PartialTiles()) _partialWritten[level] = path;
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
        Size = _edge.Size;
        RootHash = root;
        LatestNote = note;
    }

    /// <summary>Reads a log that has no write-ahead segment from its files (the right edge from its partial tiles).</summary>
    private void Load(byte[] latest)
    {
        var checkpoint = OpenCheckpoint(Encoding.UTF8.GetString(latest), LatestPath);
        ulong size = checkpoint.Size;
        var partials = new List<IReadOnlyList<byte[]>>();
        for (int level = 0; (size >> (8 * level)) > 0; level++)
        {
            ulong complete = size >> (8 * level);
            int width = (int)(complete % TilePaths.Width);
            var hashes = new List<byte[]>();
            if (width > 0)
            {
                var bytes = TileReads.ReadTile(_store, level, complete / TilePaths.Width, width);
                if (bytes is null || bytes.Length != width * TreeHasher.HashSize) throw new LedgerDataException($"{TilePaths.Tile(level, complete / TilePaths.Width, width)} is missing or has the wrong length");
                for (int i = 0; i < width; i++) hashes.Add(bytes[(i * 32)..((i + 1) * 32)]);
            }

            partials.Add(hashes);
        }

        var bundle = new List<byte[]>();
        int bundleWidth = (int)(size % TilePaths.Width);
        if (bundleWidth > 0)
        {
            var bytes = TileReads.ReadBundle(_store, size / TilePaths.Width, bundleWidth)
                ?? throw new LedgerDataException($"{TilePaths.Bundle(size / TilePaths.Width, bundleWidth)} is missing");
            var entries = EntryBundle.Parse(bytes, size - (ulong)bundleWidth);
            if (!entries.Ok || entries.Value.Count != bundleWidth) throw new LedgerDataException($"{TilePaths.Bundle(size / TilePaths.Width, bundleWidth)}: {entries.Error ?? "wrong entry count"}");
            bundle = entries.Value;
        }

        var edge = new RightEdge();
        if (!edge.Load(size, partials, bundle) || !edge.Root().AsSpan().SequenceEqual(checkpoint.RootHash)) throw new LedgerDataException($"the tiles at the right edge do not give the root of {LatestPath}");
        _edge = edge;
        Commit(checkpoint.RootHash, Encoding.UTF8.GetString(latest));
        RemoveBeyondSize(size);
        RewritePartials(edge);
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

    /// <summary>One call to <see cref="Append"/>: its entries, where they went, and how it ended (waited for without spinning).</summary>
    private sealed class Request(IReadOnlyList<byte[]> entries)
    {
        private bool _done;

        public IReadOnlyList<byte[]> Entries { get; } = entries;

        public ulong First { get; set; }

        public Exception? Error { get; private set; }

        // Ends with the call (never faulted: the error is in Error), for callers that do not block a thread.
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completion => _completion.Task;

        /// <summary>Ends the call: committed (null) or failed; the first ending counts.</summary>
        public void Complete(Exception? error)
        {
            lock (this)
            {
                if (_done) return;
                Error = error;
                _done = true;
                Monitor.PulseAll(this);
            }

            _completion.TrySetResult();
        }

        public void Wait()
        {
            lock (this)
            {
                while (!_done) Monitor.Wait(this);
            }
        }
    }

    /// <summary>A hashed batch waiting for its commit: its record's content, the files it completed, and the right edge after it.</summary>
    private sealed record Staged(
        ulong First,
        IReadOnlyList<byte[]> Entries,
        ulong Size,
        byte[] Root,
        List<KeyValuePair<string, byte[]>> Full,
        List<(int Level, string Path, byte[] Bytes)> PartialTiles,
        byte[][] BundleEntries,
        List<string> Superseded)
    {
        public List<Request> Requests { get; } = [];
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
