namespace Ensuresec.Detection.Scanning;

/// <summary>Tells whether a path is one only an attacker asks for (see <see cref="ScanningOptions.SensitivePaths"/>).</summary>
internal sealed class SensitivePathMatcher(IReadOnlyList<string> paths, IReadOnlyList<string> suffixes)
{
    private readonly string[] _paths = [.. paths.Select(p => p.ToLowerInvariant())];
    private readonly string[] _suffixes = [.. suffixes.Select(s => s.ToLowerInvariant())];

    public bool IsSensitive(string path)
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
