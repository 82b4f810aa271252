namespace Ensuresec.Detection.Scanning;

/// <summary>
/// Tells whether a path is one only an attacker asks for (see <see cref="ScanningOptions.SensitivePaths"/>).
/// One instance per detector instance (not thread-safe): answers are cached, because a shop's paths repeat.
/// </summary>
internal sealed class SensitivePathMatcher(IReadOnlyList<string> paths, IReadOnlyList<string> suffixes)
{
    private const int MaxCached = 50_000;
    private readonly string[] _paths = [.. paths.Select(p => p.ToLowerInvariant())];
    private readonly string[] _suffixes = [.. suffixes.Select(s => s.ToLowerInvariant())];
    private readonly Dictionary<string, bool> _cache = new(StringComparer.Ordinal);

    public bool IsSensitive(string path)
    {
        if (_cache.TryGetValue(path, out bool known)) return known;
        bool answer = Match(path);
        // Probes make many one-off paths; clearing keeps memory bounded and the common paths come straight back.
        if (_cache.Count >= MaxCached) _cache.Clear();
        _cache[path] = answer;
        return answer;
    }

    private bool Match(string path)
    {
        foreach (var s in _suffixes)
        {
            if (path.EndsWith(s, StringComparison.OrdinalIgnoreCase)) return true;
        }

        foreach (var p in _paths)
        {
            int from = 0;
            while (from < path.Length)
            {
                int i = path.IndexOf(p, from, StringComparison.OrdinalIgnoreCase);
                if (i < 0) break;
                int end = i + p.Length;
                if (end == path.Length || path[end] == '/') return true;
                from = i + 1;
            }
        }

        return false;
    }
}
