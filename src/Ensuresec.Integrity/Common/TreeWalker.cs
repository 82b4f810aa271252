namespace Ensuresec.Integrity.Common;

/// <summary>
/// Lists the regular files under a folder without following symbolic links to folders (so a link loop cannot trap
/// the walk), skipping version-control folders; unreadable folders are reported, not thrown.
/// </summary>
internal static class TreeWalker
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", ".svn", ".hg" };

    public static IEnumerable<string> Files(string root, Action<string, string>? onError = null, Func<string, bool>? skipFolder = null)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 })];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                onError?.Invoke(folder, ex.Message);
                continue;
            }

            entries.Sort((a, b) => string.CompareOrdinal(b.Name, a.Name));
            foreach (var entry in entries)
            {
                bool link = entry.LinkTarget is not null;
                if (entry is DirectoryInfo dir)
                {
                    if (link || SkippedFolders.Contains(dir.Name) || (skipFolder?.Invoke(dir.FullName) ?? false)) continue;
                    pending.Push(dir.FullName);
                }
                else if (!link)
                {
                    yield return entry.FullName;
                }
            }
        }
    }
}
