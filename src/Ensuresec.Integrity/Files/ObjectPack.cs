using System.Globalization;

namespace Ensuresec.Integrity.Files;

/// <summary>
/// The baseline's copies of the files, in one append-only pack (objects.pack) with an index of SHA-256, offset and
/// length (objects.idx): one sequential file instead of thousands of small ones, which is what makes a baseline of
/// a large web root fast. The pack is not signed: every read is checked against the hash in the signed manifest.
/// </summary>
internal sealed class ObjectPack : IDisposable
{
    private readonly FileStream _stream;
    private readonly Dictionary<string, (long Offset, int Length)> _index = new(StringComparer.Ordinal);
    private readonly string _indexPath;
    private readonly string _packPath;

    private ObjectPack(string folder)
    {
        _packPath = Path.Combine(folder, "objects.pack");
        _indexPath = Path.Combine(folder, "objects.idx");
        _stream = new FileStream(_packPath + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    }

    /// <summary>Starts a new pack in <paramref name="folder"/>; <see cref="Commit"/> replaces the previous one.</summary>
    public static ObjectPack Create(string folder) => new(folder);

    /// <summary>Adds content once per hash (thread-safe).</summary>
    public void Add(string sha256, byte[] content)
    {
        lock (_index)
        {
            if (_index.ContainsKey(sha256)) return;
            _index[sha256] = (_stream.Position, content.Length);
            _stream.Write(content);
        }
    }

    public void Commit()
    {
        lock (_index)
        {
            _stream.Flush(true);
            _stream.Dispose();
            using (var writer = new StreamWriter(_indexPath + ".tmp"))
            {
                foreach (var (sha, (offset, length)) in _index) writer.Write($"{sha} {offset.ToString(CultureInfo.InvariantCulture)} {length.ToString(CultureInfo.InvariantCulture)}\n");
            }

            File.Move(_packPath + ".tmp", _packPath, true);
            File.Move(_indexPath + ".tmp", _indexPath, true);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (File.Exists(_packPath + ".tmp")) File.Delete(_packPath + ".tmp");
    }

    /// <summary>The copy of the content with this hash, or null when there is none or the pack is unreadable.</summary>
    public static byte[]? Read(string folder, string sha256)
    {
        string index = Path.Combine(folder, "objects.idx");
        string pack = Path.Combine(folder, "objects.pack");
        try
        {
            foreach (string line in File.ReadLines(index))
            {
                if (!line.StartsWith(sha256, StringComparison.Ordinal)) continue;
                var parts = line.Split(' ');
                if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long offset) ||
                    !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int length)) return null;
                using var stream = File.OpenRead(pack);
                if (offset + length > stream.Length) return null;
                stream.Seek(offset, SeekOrigin.Begin);
                var bytes = new byte[length];
                stream.ReadExactly(bytes);
                return bytes;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }
}
