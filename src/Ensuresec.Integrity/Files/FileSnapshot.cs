using System.Security.Cryptography;
using Ensuresec.Integrity.Common;

namespace Ensuresec.Integrity.Files;

/// <summary>Reads the current state of a tree (or of single files) into <see cref="FileEntry"/>s, hashing in parallel. Never follows links.</summary>
internal static class FileSnapshot
{
    /// <summary>Every file under <paramref name="root"/>; files that vanish or cannot be read go to <paramref name="problems"/>.</summary>
    /// <param name="keep">Called with the hash and the bytes of each file up to <paramref name="keepBytes"/>, read once for both (the baseline's copies).</param>
    public static Dictionary<string, FileEntry> Take(string root, List<string> problems, Func<string, bool>? exclude = null, long keepBytes = -1, Func<string, byte[], bool>? keep = null)
    {
        string full = Path.GetFullPath(root);
        var paths = new List<string>();
        foreach (string file in TreeWalker.Files(full, (p, m) => { lock (problems) problems.Add($"{p}: {m}"); }, exclude))
        {
            if (exclude?.Invoke(file) ?? false) continue;
            paths.Add(file);
        }

        // links to folders are not walked into, but they are recorded as entries
        foreach (string link in LinkedFolders(full, exclude)) paths.Add(link);
        var entries = new FileEntry?[paths.Count];
        Parallel.For(0, paths.Count, i =>
        {
            entries[i] = Read(full, paths[i], out string? problem, keepBytes, keep);
            if (problem is not null) lock (problems) problems.Add(problem);
        });
        var map = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (e is not null) map[e.Path] = e;
        }

        return map;
    }

    /// <summary>One file's entry, or null (with the reason) when it vanished or cannot be read.</summary>
    public static FileEntry? Read(string root, string fullPath, out string? problem, long keepBytes = -1, Func<string, byte[], bool>? keep = null)
    {
        problem = null;
        string relative = Relative(root, fullPath);
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists && !Directory.Exists(fullPath)) { problem = $"{relative}: vanished during the scan"; return null; }
            int mode = OperatingSystem.IsWindows() ? 0 : (int)File.GetUnixFileMode(fullPath);
            if (info.LinkTarget is { } target)
            {
                string sha = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("link:" + target)));
                return new FileEntry(relative, 0, mode, sha, info.LastWriteTimeUtc, target);
            }

            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            if (keep is not null && stream.Length <= keepBytes)
            {
                // one read serves both the hash and the copy, so the copy is exactly what was hashed
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                bool kept = keep(sha, bytes);
                return new FileEntry(relative, bytes.Length, mode, sha, info.LastWriteTimeUtc, null, kept);
            }

            string hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            return new FileEntry(relative, stream.Length, mode, hash, info.LastWriteTimeUtc);
        }
        catch (EndOfStreamException)
        {
            problem = $"{relative}: shrank while it was read; not recorded";
        }
        catch (FileNotFoundException)
        {
            problem = $"{relative}: vanished during the scan";
        }
        catch (DirectoryNotFoundException)
        {
            problem = $"{relative}: vanished during the scan";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{relative}: {ex.Message}";
        }

        return null;
    }

    public static string Relative(string root, string fullPath) => Path.GetRelativePath(root, fullPath).Replace('\\', '/');

    private static IEnumerable<string> LinkedFolders(string root, Func<string, bool>? exclude)
    {
        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            string folder = stack.Pop();
            IEnumerable<string> subs;
            try
            {
                subs = Directory.EnumerateDirectories(folder).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (string sub in subs)
            {
                if (exclude?.Invoke(sub) ?? false) continue;
                if (new DirectoryInfo(sub).LinkTarget is not null) yield return sub;
                else if (Path.GetFileName(sub) is not (".git" or ".svn" or ".hg")) stack.Push(sub);
            }
        }
    }
}
