namespace Ensuresec.Integrity.Files;

/// <summary>
/// Puts a file back as the baseline recorded it, from the baseline's own copy: content checked against the signed
/// hash before it is written, written to a temporary file beside the target and renamed over it, mode restored.
/// A file added since the baseline is not deleted here: that is the analyst's call.
/// </summary>
internal static class FileRestorer
{
    public static string? Restore(Baseline baseline, BaselineStore store, string path)
    {
        string relative = Path.IsPathRooted(path) ? FileSnapshot.Relative(baseline.Root, Path.GetFullPath(path)) : path.Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal)) return $"{path}: not inside the baseline's root {baseline.Root}";
        if (!baseline.Files.TryGetValue(relative, out var entry)) return $"{relative}: not in the baseline (a file added since; remove it by hand if it should go)";
        string target = Path.Combine(baseline.Root, relative);
        if (entry.LinkTarget is not null)
        {
            try
            {
                if (File.Exists(target) || new FileInfo(target).LinkTarget is not null) File.Delete(target);
                File.CreateSymbolicLink(target, entry.LinkTarget);
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"{relative}: {ex.Message}";
            }
        }

        if (!entry.Copied) return $"{relative}: the baseline holds its hash but no copy (it was larger than the copy limit)";
        string temp = target + ".ensuresec-restore";
        try
        {
            byte[]? content = store.ReadObject(entry.Sha256);
            if (content is null) return $"{relative}: the baseline's copy is missing from {store.Folder}; not restored";
            if (!Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)).Equals(entry.Sha256, StringComparison.Ordinal))
            {
                return $"{relative}: the baseline copy in {store.Folder} does not match its signed hash; not restored";
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(temp, content);
            if (!OperatingSystem.IsWindows() && entry.Mode != 0) File.SetUnixFileMode(temp, (UnixFileMode)entry.Mode);
            if (new FileInfo(target).LinkTarget is not null) File.Delete(target);
            File.Move(temp, target, true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp)) File.Delete(temp);
            return $"{relative}: {ex.Message}";
        }
    }
}
