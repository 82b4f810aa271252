namespace Ensuresec.Waf.Inputs;

/// <summary>The path and query of a request target (origin or absolute form).</summary>
internal static class Target
{
    public static (string Path, string Query) Split(string target)
    {
        string t = target;
        int scheme = t.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && scheme < 8 && !t.StartsWith('/'))
        {
            int slash = t.IndexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t[slash..];
        }

        int q = t.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (t, string.Empty) : (t[..q], t[(q + 1)..]);
    }
}
