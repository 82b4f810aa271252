using System.Globalization;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// Files and folders a log no longer needs (superseded partial tiles and bundles), kept in <c>state/spare</c> and
/// renamed into place when a new file or folder is needed, instead of being deleted and created again. On a file
/// system without a journal, ext4 skips every inode freed in the last minutes when it looks for a free one, so each
/// deletion makes every later creation slower; a log that appends for hours would spend most of its time there.
/// Renames free and allocate no inode. A retired file is reused only after <see cref="Grace"/>: a reader that opened
/// it just before (they read a tile at once and close it) must not see it overwritten with another tile's bytes.
/// Thread-safe.
/// </summary>
internal sealed class SpareFiles(string logRoot, TimeSpan grace)
{
    /// <summary>How long a retired file or folder rests before it is reused.</summary>
    public TimeSpan Grace { get; } = grace;

    public const string FolderPath = "state/spare";

    /// <summary>Spares beyond this many are deleted after all (a log whose partial tiles outnumber its new files).</summary>
    private const int MaxSpares = 4096;

    private readonly string _folder = Path.Combine(logRoot, "state", "spare");
    private readonly Queue<(string Path, long Since)> _files = new();
    private readonly Queue<(string Path, long Since)> _folders = new();
    private readonly Lock _lock = new();
    private bool _loaded;
    private long _next;

    /// <summary>Moves a spare file to <paramref name="path"/> (its folder must exist); false when there is none. The caller overwrites its bytes.</summary>
    public bool TryPlaceFile(string path)
    {
        string? spare;
        lock (_lock)
        {
            Load();
            if (!TryTake(_files, out spare)) return false;
        }

        try
        {
            File.Move(spare, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Moves a spare (empty) folder to <paramref name="path"/> (its parent must exist); false when there is none.</summary>
    public bool TryPlaceFolder(string path)
    {
        string? spare;
        lock (_lock)
        {
            Load();
            if (!TryTake(_folders, out spare)) return false;
        }

        try
        {
            Directory.Move(spare, path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Moves the files of <paramref name="folder"/>, then the folder itself, to the spares; missing is fine.</summary>
    public void Retire(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string file in Directory.EnumerateFiles(folder).ToList()) Keep(file, _files, "f");
        Keep(folder, _folders, "d");
    }

    /// <summary>The oldest spare, if it has rested long enough.</summary>
    private bool TryTake(Queue<(string Path, long Since)> pool, out string spare)
    {
        spare = string.Empty;
        if (!pool.TryPeek(out var oldest) || System.Diagnostics.Stopwatch.GetElapsedTime(oldest.Since) < Grace) return false;
        spare = pool.Dequeue().Path;
        return true;
    }

    private void Keep(string path, Queue<(string Path, long Since)> pool, string prefix)
    {
        string spare;
        lock (_lock)
        {
            Load();
            if (_files.Count + _folders.Count >= MaxSpares)
            {
                spare = string.Empty;
            }
            else
            {
                spare = Path.Combine(_folder, prefix + (_next++).ToString(CultureInfo.InvariantCulture));
            }
        }

        if (spare.Length == 0)
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
            return;
        }

        if (Directory.Exists(path)) Directory.Move(path, spare);
        else File.Move(path, spare);
        lock (_lock) pool.Enqueue((spare, System.Diagnostics.Stopwatch.GetTimestamp()));
    }

    /// <summary>The spares a previous process left (names f/d + number).</summary>
    private void Load()
    {
        if (_loaded) return;
        _loaded = true;
        Directory.CreateDirectory(_folder);
        foreach (string entry in Directory.EnumerateFileSystemEntries(_folder))
        {
            string name = Path.GetFileName(entry);
            if (name.Length < 2 || !long.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long n)) continue;
            // Left by an earlier process: rested already.
            if (name[0] == 'f' && File.Exists(entry)) _files.Enqueue((entry, 0));
            else if (name[0] == 'd' && Directory.Exists(entry) && !Directory.EnumerateFileSystemEntries(entry).Any()) _folders.Enqueue((entry, 0));
            else continue;
            _next = Math.Max(_next, n + 1);
        }
    }
}
