using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// A log's files in a folder, laid out as the C2SP paths so that any static web server can publish them. Each file
/// is written to a temporary name and renamed over the old one, so a crash leaves either the old or the new
/// version. <see cref="WriteAll"/> also flushes each file and its folder before returning; <see cref="WriteCached"/>
/// leaves that to <see cref="SyncAll"/>.
/// </summary>
internal sealed partial class FileTileStore : ITileStore
{
    /// <summary>Largest file read (a full bundle of maximum-size entries is about 16 MB).</summary>
    private const long MaxFileBytes = 17L * 1024 * 1024;

    private readonly HashSet<string> _unsynced = new(StringComparer.Ordinal);

    /// <summary>A store in <paramref name="root"/>; superseded files rest <paramref name="spareGrace"/> (30 s by default) before they are reused.</summary>
    public FileTileStore(string root, TimeSpan? spareGrace = null)
    {
        Root = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
        _spareGrace = spareGrace ?? TimeSpan.FromSeconds(30);
    }

    private readonly TimeSpan _spareGrace;

    public string Root { get; }

    public byte[]? Read(string path)
    {
        string full = Resolve(path);
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxFileBytes) throw new LedgerDataException($"{path} is larger than {MaxFileBytes} bytes");
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(full))
        {
            return null;
        }
    }

    public void WriteAll(IReadOnlyCollection<KeyValuePair<string, byte[]>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var writes = new List<(string Temp, string Final, byte[] Bytes)>(files.Count);
        foreach (var (path, bytes) in files)
        {
            string final = Resolve(path);
            string folder = Path.GetDirectoryName(final)!;
            if (folders.Add(folder)) CreateFolderDurably(folder);
            writes.Add((final + ".tmp", final, bytes));
        }

        // The files are flushed in parallel: the file system can fold concurrent fsyncs into one journal commit.
        Parallel.ForEach(writes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, w =>
        {
            using var stream = new FileStream(w.Temp, FileMode.Create, FileAccess.Write, FileShare.None);
            stream.Write(w.Bytes);
            stream.Flush(flushToDisk: true);
        });

        // Renamed only once every file is on disk, so no new name ever points at unflushed data.
        foreach (var w in writes) File.Move(w.Temp, w.Final, overwrite: true);
        Parallel.ForEach(folders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, FlushFolder);
    }

    public void WriteCached(IReadOnlyCollection<KeyValuePair<string, byte[]>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, bytes) in files)
        {
            string final = Resolve(path);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            string temp = final + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                stream.Write(bytes);
            }

            // The rename makes the new version appear whole (a reader or a crash never sees half a file).
            File.Move(temp, final, overwrite: true);
            if (!OperatingSystem.IsLinux())
            {
                lock (_unsynced) _unsynced.Add(final);
            }
        }
    }

    public void WriteNew(IReadOnlyCollection<KeyValuePair<string, byte[]>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, bytes) in files)
        {
            string final = Resolve(path);
            string folder = Path.GetDirectoryName(final)!;
            if (OperatingSystem.IsLinux())
            {
                // Three system calls per new file (open, write, close): .NET's own open adds two flocks, an fstatfs, an
                // lseek and an ftruncate, and checking the folder a stat, each a measurable part of a tile's cost.
                EnsureFolder(folder);
                Spares.TryPlaceFile(final);
                WriteNewFile(final, bytes);
                continue;
            }

            SafeFileHandle handle;
            EnsureFolder(folder);
            if (Spares.TryPlaceFile(final))
            {
                // A recycled file: its old bytes are overwritten, and cut where the new ones end.
                handle = File.OpenHandle(final, FileMode.Open, FileAccess.Write);
                using (handle)
                {
                    RandomAccess.Write(handle, bytes, 0);
                    RandomAccess.SetLength(handle, bytes.Length);
                }
            }
            else
            {
                using (handle = File.OpenHandle(final, FileMode.Create, FileAccess.Write)) RandomAccess.Write(handle, bytes, 0);
            }

            lock (_unsynced) _unsynced.Add(final);
        }
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes <paramref name="bytes"/> (Linux).</summary>
    internal static void WriteNewFile(string path, ReadOnlySpan<byte> bytes)
    {
        const int WriteOnly = 1, Create = 0x40, Truncate = 0x200, CloseOnExec = 0x80000, ReadWriteByOwner = 0x1A4, Interrupted = 4; // 0644, EINTR
        int fd = Native.Open(path, WriteOnly | Create | Truncate | CloseOnExec, ReadWriteByOwner);
        if (fd < 0) throw new IOException($"cannot create {path} (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            for (int at = 0; at < bytes.Length;)
            {
                nint written = Native.PWrite(fd, ref MemoryMarshal.GetReference(bytes[at..]), bytes.Length - at, at);
                if (written < 0 && Marshal.GetLastPInvokeError() == Interrupted) continue;
                if (written <= 0) throw new IOException($"cannot write {path} (errno {Marshal.GetLastPInvokeError()})");
                at += (int)written;
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    // Folders known to exist (created or seen by this store), so a new file costs no stat of its folder. Forgotten
    // whenever this store deletes or retires anything.
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);

    private void EnsureFolder(string folder)
    {
        lock (_folders)
        {
            if (_folders.Contains(folder)) return;
        }

        if (!Directory.Exists(folder)) PlaceFolder(folder);
        lock (_folders) _folders.Add(folder);
    }

    private void ForgetFolders()
    {
        lock (_folders) _folders.Clear();
    }

    /// <summary>Superseded partial tiles of a folder go to the spares (see <see cref="SpareFiles"/>) instead of being deleted.</summary>
    public void Retire(string folder)
    {
        ForgetFolders();
        Spares.Retire(Resolve(folder));
    }

    private SpareFiles Spares => _spares ??= new SpareFiles(Root, _spareGrace);

    private SpareFiles? _spares;

    /// <summary>Creates a folder (and its parents), from a spare folder where one is left.</summary>
    private void PlaceFolder(string folder)
    {
        string parent = Path.GetDirectoryName(folder)!;
        if (!Directory.Exists(parent)) PlaceFolder(parent);
        if (!Spares.TryPlaceFolder(folder)) Directory.CreateDirectory(folder);
    }

    /// <summary>Replaces a file swapped again and again (see <see cref="SwappedFile"/>): readers see the old or the new version, and no inode is freed.</summary>
    public void Replace(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string final = Resolve(path);
        _swapped.GetOrAdd(final, f => new SwappedFile(f)).Write(bytes);
        if (!OperatingSystem.IsLinux())
        {
            lock (_unsynced) _unsynced.Add(final);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SwappedFile> _swapped = new(StringComparer.Ordinal);

    public void SyncAll()
    {
        // syncfs flushes the whole file system in one call: far cheaper than one fsync per file and folder written.
        if (WriteAheadLog.SyncFileSystem(Root)) return;
        List<string> files;
        lock (_unsynced)
        {
            files = [.. _unsynced];
            _unsynced.Clear();
        }

        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            if (File.Exists(file))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                stream.Flush(flushToDisk: true);
            }

            folders.Add(Path.GetDirectoryName(file)!);
        }

        foreach (string folder in folders) FlushFolder(folder);
    }

    public void Delete(string path)
    {
        ForgetFolders();
        string full = Resolve(path);
        if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
        else File.Delete(full);
    }

    public bool Exists(string path)
    {
        string full = Resolve(path);
        return File.Exists(full) || Directory.Exists(full);
    }

    public IReadOnlyList<string> List(string folder)
    {
        string full = Resolve(folder);
        return Directory.Exists(full) ? Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).Where(n => n is not null && !n.EndsWith(".tmp", StringComparison.Ordinal)).Select(n => n!).ToList() : [];
    }

    private string Resolve(string path)
    {
        // Paths come from our own arithmetic or a strict parser; this guard keeps any slip inside the root.
        string full = Path.GetFullPath(Path.Combine(Root, path));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new ArgumentException($"path outside the log: {path}", nameof(path));
        return full;
    }

    private static void CreateFolderDurably(string folder)
    {
        if (Directory.Exists(folder)) return;
        string parent = Path.GetDirectoryName(folder)!;
        CreateFolderDurably(parent);
        Directory.CreateDirectory(folder);
        FlushFolder(parent);
    }

    /// <summary>fsync on the folder, so a rename or a new entry in it survives a power cut (Linux; elsewhere a no-op).</summary>
    internal static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux()) return;
        int fd = Native.Open(folder, 0);
        if (fd < 0) return;
        try
        {
            if (Native.Fsync(fd) != 0) throw new IOException($"fsync of {folder} failed (errno {Marshal.GetLastPInvokeError()})");
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

        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Open(string path, int flags, int mode);

        [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
        internal static partial nint PWrite(int fd, ref byte bytes, nint count, long offset);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        internal static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        internal static partial int Close(int fd);

        [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int RenameAt2(int oldFolder, string oldPath, int newFolder, string newPath, uint flags);
    }

    private static bool _noExchange = !OperatingSystem.IsLinux();

    /// <summary>Swaps two names atomically; false when the system or the file system cannot (then it is not tried again).</summary>
    internal static bool Exchange(string a, string b)
    {
        if (_noExchange) return false;
        try
        {
            if (Native.RenameAt2(AtCurrentFolder, a, AtCurrentFolder, b, RenameExchange) == 0) return true;
            _noExchange = Marshal.GetLastPInvokeError() is 22 or 38 or 95; // EINVAL, ENOSYS, EOPNOTSUPP: not supported here
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            _noExchange = true;
            return false;
        }
    }

    private const int AtCurrentFolder = -100;
    private const uint RenameExchange = 2;
}
