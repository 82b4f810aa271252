namespace Ensuresec.Ledger.Tiles;

/// <summary>A log's files in memory: for tests and for measuring appends without the disk.</summary>
internal sealed class MemoryTileStore : ITileStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Files => _files;

    public byte[]? Read(string path) => _files.TryGetValue(path, out var bytes) ? bytes : null;

    public void WriteAll(IReadOnlyCollection<KeyValuePair<string, byte[]>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, bytes) in files) _files[path] = bytes;
    }

    public void Delete(string path)
    {
        _files.Remove(path);
        foreach (var key in _files.Keys.Where(k => k.StartsWith(path + "/", StringComparison.Ordinal)).ToList()) _files.Remove(key);
    }

    public bool Exists(string path) => _files.ContainsKey(path) || _files.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));

    public IReadOnlyList<string> List(string folder) =>
        _files.Keys.Where(k => k.StartsWith(folder + "/", StringComparison.Ordinal))
            .Select(k => k[(folder.Length + 1)..].Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
}
