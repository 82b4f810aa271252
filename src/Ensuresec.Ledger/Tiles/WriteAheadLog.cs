using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// The durable record of a log's batches: append-only segment files <c>state/wal/&lt;base size&gt;</c>, each fsynced
/// once per group commit. A segment starts with a snapshot (the signed checkpoint at its base size, the right edge
/// of the tree and the entries of the partial bundle) followed by one record per batch (its entries and the signed
/// checkpoint after it). The C2SP files are derived from these records; a segment is deleted only once every file it
/// produced has been flushed to disk, so after any crash the log can be rebuilt from the oldest segment left.
/// The records of one commit are written together in whole 4 KiB blocks (a padding record fills the last one), with
/// direct I/O where the system allows (<see cref="DirectAppendFile"/>): the entries reach the disk without a second
/// copy in the page cache (their bundle files are the one copy there).
/// </summary>
internal sealed partial class WriteAheadLog : IDisposable
{
    public const string FolderPath = "state/wal";

    /// <summary>Largest record accepted when reading (a batch of 65,536 entries of 65,535 bytes is 4 GiB, so batches are capped below this).</summary>
    public const int MaxRecordBytes = 1 << 30;

    private const byte SnapshotKind = (byte)'S';
    private const byte BatchKind = (byte)'B';
    private const byte RootedBatchKind = (byte)'R';
    private const byte PaddingKind = (byte)'P';

    /// <summary>Bytes of a record's header: its payload length (big-endian uint32) and its kind.</summary>
    private const int HeaderBytes = 5;

    private readonly string _folder;
    private DirectAppendFile? _current;

    // The records of the commit being built (written and synced together by WriteCommit).
    private readonly AlignedBuffer _commit = new();

    public WriteAheadLog(string logRoot)
    {
        _folder = Path.Combine(logRoot, "state", "wal");
    }

    /// <summary>Bytes in the current segment.</summary>
    public long Length => _current?.Length ?? 0;

    /// <summary>False when the current segment ends off a block boundary (one written before blocks): start a new one.</summary>
    public bool Aligned => Length % DirectAppendFile.Alignment == 0;

    /// <summary>Bytes of the current segment known to be on disk.</summary>
    public long SyncedLength { get; private set; }

    public ulong CurrentBase { get; private set; }

    /// <summary>The segments on disk, oldest first (names are the 20-digit base size).</summary>
    public IReadOnlyList<(ulong Base, string Path)> Segments()
    {
        if (!Directory.Exists(_folder)) return [];
        var found = new List<(ulong, string)>();
        foreach (string path in Directory.EnumerateFiles(_folder))
        {
            string name = Path.GetFileName(path);
            if (name.Length == 20 && ulong.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out ulong b)) found.Add((b, path));
        }

        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>Starts a new segment at <paramref name="baseSize"/> with its snapshot, durably (written, flushed, renamed, folder flushed).</summary>
    public void StartSegment(ulong baseSize, byte[] snapshot)
    {
        Directory.CreateDirectory(_folder);
        FileTileStore.FlushFolder(Path.GetDirectoryName(_folder)!);
        string final = Path.Combine(_folder, baseSize.ToString("D20", CultureInfo.InvariantCulture));
        string temp = final + ".tmp";
        long length;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            WriteRecord(stream, SnapshotKind, snapshot);
            int pad = PaddingFor(stream.Length);
            var padding = new byte[pad];
            WritePaddingHeader(padding);
            stream.Write(padding);
            stream.Flush(flushToDisk: true);
            length = stream.Length;
        }

        _current?.Dispose();
        _current = null;
        File.Move(temp, final, overwrite: true);
        FileTileStore.FlushFolder(_folder);
        _current = DirectAppendFile.Open(final, length);
        SyncedLength = length;
        CurrentBase = baseSize;
    }

    /// <summary>Continues appending to the segment at <paramref name="path"/> from <paramref name="length"/> (bytes past it are cut: a torn record).</summary>
    public void Resume(ulong baseSize, string path, long length)
    {
        _current?.Dispose();
        _current = null;
        _current = DirectAppendFile.Open(path, length);
        SyncedLength = length;
        CurrentBase = baseSize;
    }

    /// <summary>Adds a batch record (see <see cref="EncodeRootedBatch"/>) to the commit being built; <see cref="WriteCommit"/> writes it.</summary>
    public void AddRootedBatch(ulong first, IReadOnlyList<byte[]> entries, ReadOnlySpan<byte> root, ReadOnlySpan<byte> mac)
    {
        var current = _current ?? throw new InvalidOperationException("no segment open");

        // A commit of many large batches is written in parts, so the buffer stays far below its 2 GiB limit.
        long bytes = RootedBatchBytes(entries);
        if (_commit.Length > 0 && _commit.Length + bytes > MaxCommitBytes) AppendBlocks(current);
        EncodeRootedBatch(first, entries, root, mac, _commit, bytes);
    }

    /// <summary>Writes the commit built so far, padded to whole blocks, and fsyncs the segment: every record added before is on disk when it returns.</summary>
    public void WriteCommit()
    {
        var current = _current ?? throw new InvalidOperationException("no segment open");
        try
        {
            if (_commit.Length > 0) AppendBlocks(current);
            current.Sync();
            SyncedLength = current.Length;
        }
        finally
        {
            _commit.Clear();
        }
    }

    /// <summary>Cuts the current segment back to what is on disk (a failed batch must not come back on the next open).</summary>
    public void TruncateToSynced()
    {
        _commit.Clear();
        _current?.Truncate(SyncedLength);
    }

    private const int MaxCommitBytes = 64 * 1024 * 1024;

    private void AppendBlocks(DirectAppendFile current)
    {
        // Padding keeps every write on block boundaries: a record is never rewritten once synced.
        WritePaddingHeader(_commit.Reserve(PaddingFor(_commit.Length)));
        current.Append(_commit);
        _commit.Clear();
    }

    /// <summary>Bytes of the padding record that brings <paramref name="length"/> to a block boundary (a record has at least 6 bytes).</summary>
    private static int PaddingFor(long length)
    {
        int pad = (int)((DirectAppendFile.Alignment - (length % DirectAppendFile.Alignment)) % DirectAppendFile.Alignment);
        return pad < HeaderBytes + 1 ? pad + DirectAppendFile.Alignment : pad;
    }

    /// <summary>A padding record over the whole of <paramref name="record"/>: header, then zeros.</summary>
    private static void WritePaddingHeader(Span<byte> record)
    {
        BinaryPrimitives.WriteUInt32BigEndian(record, (uint)(record.Length - HeaderBytes));
        record[4] = PaddingKind;
        record[HeaderBytes..].Clear();
    }

    /// <summary>Deletes the segments older than <paramref name="baseSize"/> (their files are on disk).</summary>
    public void DeleteBefore(ulong baseSize)
    {
        foreach (var (b, path) in Segments())
        {
            if (b < baseSize) File.Delete(path);
        }

        foreach (string temp in Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*.tmp") : []) File.Delete(temp);
        FileTileStore.FlushFolder(_folder);
    }

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
        _commit.Dispose();
    }

    /// <summary>
    /// Reads a segment's records: its snapshot, then batches until the end or the first record cut short or damaged.
    /// Padding records are not returned: each counts as the end of the record before it.
    /// </summary>
    public static SegmentContents Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<(byte Kind, ReadOnlyMemory<byte> Payload, long End)>();
        long at = 0;
        while (at < bytes.Length)
        {
            if (bytes.Length - at < 5) break;
            uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)at, 4));
            byte kind = bytes[at + 4];
            if (length is 0 or > MaxRecordBytes || (kind != SnapshotKind && kind != BatchKind && kind != RootedBatchKind && kind != PaddingKind) || bytes.Length - at - 5 < length) break;
            if (kind == PaddingKind)
            {
                if (records.Count == 0) break;
                records[^1] = records[^1] with { End = at + 5 + length };
            }
            else
            {
                records.Add((kind, bytes.AsMemory((int)at + 5, (int)length), at + 5 + length));
            }

            at += 5 + length;
        }

        return new SegmentContents(records, bytes.Length);
    }

    private static void WriteRecord(Stream stream, byte kind, byte[] payload)
    {
        if (payload.Length is 0 or > MaxRecordBytes) throw new ArgumentException($"a record holds 1..{MaxRecordBytes} bytes", nameof(payload));

        // One write call per record: length, kind, payload.
        var record = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(record, (uint)payload.Length);
        record[4] = kind;
        payload.CopyTo(record, 5);
        stream.Write(record);
    }

    /// <summary>
    /// A whole batch record (header included, so it is written with one call and copied once): first index, entries
    /// (each with its length as a big-endian uint16, as in a bundle), the root after the batch, and a MAC over the
    /// index, the size and the root. Replay recomputes the root from the entries, so a torn or altered entry fails.
    /// </summary>
    public static byte[] EncodeRootedBatch(ulong first, IReadOnlyList<byte[]> entries, ReadOnlySpan<byte> root, ReadOnlySpan<byte> mac)
    {
        using var buffer = new AlignedBuffer();
        EncodeRootedBatch(first, entries, root, mac, buffer, RootedBatchBytes(entries));
        return buffer.Written.ToArray();
    }

    private static long RootedBatchBytes(IReadOnlyList<byte[]> entries)
    {
        long size = HeaderBytes + 8 + 4 + 32 + 32;
        foreach (var e in entries) size += 2 + e.Length;
        return size;
    }

    /// <summary>The same at the end of <paramref name="buffer"/>; <paramref name="total"/> is its <see cref="RootedBatchBytes"/>.</summary>
    private static void EncodeRootedBatch(ulong first, IReadOnlyList<byte[]> entries, ReadOnlySpan<byte> root, ReadOnlySpan<byte> mac, AlignedBuffer buffer, long total)
    {
        long size = total - HeaderBytes;
        if (size > MaxRecordBytes) throw new ArgumentException($"a batch record holds at most {MaxRecordBytes} bytes", nameof(entries));
        var span = buffer.Reserve((int)total);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)size);
        span[4] = RootedBatchKind;
        BinaryPrimitives.WriteUInt64BigEndian(span[HeaderBytes..], first);
        BinaryPrimitives.WriteInt32BigEndian(span[(HeaderBytes + 8)..], entries.Count);
        int at = HeaderBytes + 12;
        foreach (var e in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)e.Length);
            e.CopyTo(span[(at + 2)..]);
            at += 2 + e.Length;
        }

        root.CopyTo(span[at..]);
        mac.CopyTo(span[(at + 32)..]);
    }

    public static Parsed<(ulong First, List<byte[]> Entries, byte[] Root, byte[] Mac)> DecodeRootedBatch(ReadOnlySpan<byte> payload)
    {
        const string Bad = "batch record: entries cut short";
        if (payload.Length < 12 + 64) return Parsed<(ulong, List<byte[]>, byte[], byte[])>.Fail("batch record too short");
        ulong first = BinaryPrimitives.ReadUInt64BigEndian(payload);
        int count = BinaryPrimitives.ReadInt32BigEndian(payload[8..]);
        if (count < 1 || count > payload.Length / 2) return Parsed<(ulong, List<byte[]>, byte[], byte[])>.Fail("batch record: bad entry count");
        var entries = new List<byte[]>(count);
        int at = 12;
        for (int i = 0; i < count; i++)
        {
            if (payload.Length - at < 2) return Parsed<(ulong, List<byte[]>, byte[], byte[])>.Fail(Bad);
            int length = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
            if (payload.Length - at - 2 < length) return Parsed<(ulong, List<byte[]>, byte[], byte[])>.Fail(Bad);
            entries.Add(payload.Slice(at + 2, length).ToArray());
            at += 2 + length;
        }

        if (payload.Length - at != 64) return Parsed<(ulong, List<byte[]>, byte[], byte[])>.Fail("batch record: no root and MAC after the entries");
        return Parsed<(ulong, List<byte[]>, byte[], byte[])>.Success((first, entries, payload.Slice(at, 32).ToArray(), payload.Slice(at + 32, 32).ToArray()));
    }

    /// <summary>A batch record of the earlier format: first index, entries, and the signed checkpoint after the batch (still replayed).</summary>
    public static byte[] EncodeBatch(ulong first, IReadOnlyList<byte[]> entries, string note)
    {
        int size = 8 + 4 + 4 + Encoding.UTF8.GetByteCount(note);
        foreach (var e in entries) size += 2 + e.Length;
        var payload = new byte[size];
        var span = payload.AsSpan();
        BinaryPrimitives.WriteUInt64BigEndian(span, first);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], entries.Count);
        int at = 12;
        foreach (var e in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)e.Length);
            e.CopyTo(span[(at + 2)..]);
            at += 2 + e.Length;
        }

        int noteLength = Encoding.UTF8.GetBytes(note, span[(at + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(span[at..], noteLength);
        return payload;
    }

    public static Parsed<(ulong First, List<byte[]> Entries, string Note)> DecodeBatch(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 12) return Parsed<(ulong, List<byte[]>, string)>.Fail("batch record too short");
        ulong first = BinaryPrimitives.ReadUInt64BigEndian(payload);
        int count = BinaryPrimitives.ReadInt32BigEndian(payload[8..]);
        if (count < 1 || count > payload.Length / 2) return Parsed<(ulong, List<byte[]>, string)>.Fail("batch record: bad entry count");
        var entries = new List<byte[]>(count);
        int at = 12;
        for (int i = 0; i < count; i++)
        {
            if (payload.Length - at < 2) return Parsed<(ulong, List<byte[]>, string)>.Fail("batch record: entries cut short");
            int length = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
            if (payload.Length - at - 2 < length) return Parsed<(ulong, List<byte[]>, string)>.Fail("batch record: entries cut short");
            entries.Add(payload.Slice(at + 2, length).ToArray());
            at += 2 + length;
        }

        var note = ReadNote(payload, at);
        return note is null ? Parsed<(ulong, List<byte[]>, string)>.Fail("batch record: bad checkpoint") : Parsed<(ulong, List<byte[]>, string)>.Success((first, entries, note));
    }

    /// <summary>A snapshot: the signed checkpoint, the hashes of the right edge per tile level, the entries of the partial bundle.</summary>
    public static byte[] EncodeSnapshot(string note, IReadOnlyList<IReadOnlyList<byte[]>> edge, IReadOnlyList<byte[]> bundle)
    {
        using var ms = new MemoryStream();
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, edge.Count);
        ms.Write(four);
        foreach (var level in edge)
        {
            BinaryPrimitives.WriteInt32BigEndian(four, level.Count);
            ms.Write(four);
            foreach (var hash in level) ms.Write(hash);
        }

        BinaryPrimitives.WriteInt32BigEndian(four, bundle.Count);
        ms.Write(four);
        ms.Write(EntryBundle.Encode(bundle));
        var noteBytes = Encoding.UTF8.GetBytes(note);
        BinaryPrimitives.WriteInt32BigEndian(four, noteBytes.Length);
        ms.Write(four);
        ms.Write(noteBytes);
        return ms.ToArray();
    }

    public static Parsed<(string Note, List<List<byte[]>> Edge, List<byte[]> Bundle)> DecodeSnapshot(ReadOnlySpan<byte> payload)
    {
        const string Bad = "snapshot record is damaged";
        int at = 0;
        if (!TryInt(payload, ref at, out int levels) || levels > TilePaths.MaxLevel + 1) return Parsed<(string, List<List<byte[]>>, List<byte[]>)>.Fail(Bad);
        var edge = new List<List<byte[]>>(levels);
        for (int l = 0; l < levels; l++)
        {
            if (!TryInt(payload, ref at, out int count) || count >= TilePaths.Width || payload.Length - at < count * 32) return Parsed<(string, List<List<byte[]>>, List<byte[]>)>.Fail(Bad);
            var hashes = new List<byte[]>(count);
            for (int i = 0; i < count; i++) hashes.Add(payload.Slice(at + (i * 32), 32).ToArray());
            at += count * 32;
            edge.Add(hashes);
        }

        if (!TryInt(payload, ref at, out int entries) || entries >= TilePaths.Width) return Parsed<(string, List<List<byte[]>>, List<byte[]>)>.Fail(Bad);
        var bundle = new List<byte[]>(entries);
        for (int i = 0; i < entries; i++)
        {
            if (payload.Length - at < 2) return Parsed<(string, List<List<byte[]>>, List<byte[]>)>.Fail(Bad);
            int length = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
            if (payload.Length - at - 2 < length) return Parsed<(string, List<List<byte[]>>, List<byte[]>)>.Fail(Bad);
            bundle.Add(payload.Slice(at + 2, length).ToArray());
            at += 2 + length;
        }

        var note = ReadNote(payload, at);
        return note is null ? Parsed<(string, List<List<byte[]>>, List<byte[]>)>.Fail(Bad) : Parsed<(string, List<List<byte[]>>, List<byte[]>)>.Success((note, edge, bundle));
    }

    private static bool TryInt(ReadOnlySpan<byte> payload, ref int at, out int value)
    {
        value = 0;
        if (payload.Length - at < 4) return false;
        value = BinaryPrimitives.ReadInt32BigEndian(payload[at..]);
        at += 4;
        return value >= 0;
    }

    private static string? ReadNote(ReadOnlySpan<byte> payload, int at)
    {
        if (payload.Length - at < 4) return null;
        int length = BinaryPrimitives.ReadInt32BigEndian(payload[at..]);
        if (length < 1 || payload.Length - at - 4 != length) return null;
        try
        {
            return new UTF8Encoding(false, true).GetString(payload.Slice(at + 4, length));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>syncfs(2) on the file system holding <paramref name="folder"/>: every write so far (of any file there) reaches the disk.</summary>
    internal static bool SyncFileSystem(string folder)
    {
        if (!OperatingSystem.IsLinux()) return false;
        int fd = Native.Open(folder, 0);
        if (fd < 0) return false;
        try
        {
            if (Native.SyncFs(fd) != 0) throw new IOException($"syncfs of {folder} failed (errno {Marshal.GetLastPInvokeError()})");
            return true;
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
        internal static partial int SyncFs(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        internal static partial int Close(int fd);
    }
}

/// <summary>The whole records of a segment (kind, payload, offset after it) and the file's length (more means a torn tail).</summary>
internal sealed record SegmentContents(List<(byte Kind, ReadOnlyMemory<byte> Payload, long End)> Records, long FileLength)
{
    public const byte Snapshot = (byte)'S';
    public const byte Batch = (byte)'B';
    public const byte RootedBatch = (byte)'R';
}
