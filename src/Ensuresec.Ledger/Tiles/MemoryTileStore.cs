namespace Ensuresec.Ledger.Tiles;

/// <summary>A log's files in memory: for tests and for measuring appends without the disk.</summary>
internal sealed class MemoryTileStore : ITileStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _paths = new(StringComparer.Ordinal);

    /// <summary>The files by path; tests change them in place to tamper with the log.</summary>
    public Dictionary<string, byte[]> Files => _files;

    public byte[]? Read(string path) => _files.TryGetValue(path, out var bytes) ? bytes : null;

    public void WriteAll(IReadOnlyCollection<KeyValuePair<string, byte[]>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, bytes) in files)
        {
            _files[path] = bytes;
            _paths.Add(path);
        }
    }

    public void WriteCached(IReadOnlyCollection<KeyValuePair<string, byte[]>> files) => WriteAll(files);

    public void SyncAll()
    {
        // Memory has no disk to reach.
    }

    public void Delete(string path)
    {
        _files.Remove(path);
        _paths.Remove(path);
        foreach (var key in Under(path).ToList())
        {
            _files.Remove(key);
            _paths.Remove(key);
        }
    }

    public bool Exists(string path) => _files.ContainsKey(path) || Under(path).Any(_files.ContainsKey);

    public IReadOnlyList<string> List(string folder) =>
        Under(folder).Where(_files.ContainsKey).Select(k => k[(folder.Length + 1)..].Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Paths below a folder: the sorted range between "folder/" and "folder0" ('0' follows '/').</summary>
    private SortedSet<string> Under(string folder) => _paths.GetViewBetween(folder + "/", folder + "0");
}
