using System.Diagnostics;
using System.Globalization;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// A small file replaced again and again (a checkpoint). Each version is written to a hidden companion
/// (<c>.NAME.N</c> in the same folder) and swapped with the file in one step, so readers see the old or the new
/// version, never half of one, and no inode is freed (see <see cref="SpareFiles"/> for why that matters). The old
/// version then rests under the companion's name for <see cref="Grace"/> before it is overwritten with a later
/// version, so a reader that opened it just before the swap still reads it whole.
/// </summary>
internal sealed class SwappedFile(string path)
{
    /// <summary>Readers open, read and close a checkpoint at once; two seconds covers a reader paused by a busy machine.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly Queue<(string Path, long Since)> _resting = new();
    private readonly Lock _lock = new();
    private bool _loaded;
    private long _next;

    private string Prefix => Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".");

    public void Write(byte[] bytes)
    {
        string companion;
        lock (_lock)
        {
            Load();
            companion = _resting.TryPeek(out var oldest) && Stopwatch.GetElapsedTime(oldest.Since) >= Grace
                ? _resting.Dequeue().Path
                : Prefix + (_next++).ToString(CultureInfo.InvariantCulture);
        }

        if (OperatingSystem.IsLinux())
        {
            FileTileStore.WriteNewFile(companion, bytes);
        }
        else
        {
            using var handle = File.OpenHandle(companion, FileMode.OpenOrCreate, FileAccess.Write);
            RandomAccess.Write(handle, bytes, 0);
            RandomAccess.SetLength(handle, bytes.Length);
        }

        // The exchange fails when the file is not there yet (the first version): then a plain rename.
        if (FileTileStore.Exchange(companion, path))
        {
            lock (_lock) _resting.Enqueue((companion, Stopwatch.GetTimestamp()));
        }
        else
        {
            File.Move(companion, path, overwrite: true);
        }
    }

    /// <summary>The companions an earlier process left: rested already.</summary>
    private void Load()
    {
        if (_loaded) return;
        _loaded = true;
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        string prefix = "." + Path.GetFileName(path) + ".";
        foreach (string file in Directory.EnumerateFiles(folder, prefix + "*"))
        {
            string suffix = Path.GetFileName(file)[prefix.Length..];
            if (!long.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out long n)) continue;
            _resting.Enqueue((file, 0));
            _next = Math.Max(_next, n + 1);
        }
    }
}
