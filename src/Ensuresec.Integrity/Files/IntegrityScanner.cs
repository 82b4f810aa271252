using System.Globalization;
using System.Text;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Integrity.Common;
using Ensuresec.Integrity.Inspect;

namespace Ensuresec.Integrity.Files;

/// <summary>
/// Compares a tree with its baseline: added, changed, deleted and re-permissioned files, diffs of text files against
/// the baseline copy, sensitive places flagged, and changed or added code inspected for skimmers and web shells.
/// </summary>
internal sealed class IntegrityScanner(Baseline baseline, BaselineStore store, SensitivePlaces sensitive, Inspector? inspector)
{
    public const string Detector = "file-integrity";
    private const long MaxDiffBytes = 2 * 1024 * 1024;

    public Baseline Baseline => baseline;

    /// <summary>A full scan of the tree.</summary>
    public List<FileChange> Scan(List<string> problems, Func<string, bool>? exclude = null)
    {
        var now = FileSnapshot.Take(baseline.Root, problems, exclude);
        var changes = new List<FileChange>();
        foreach (var (path, before) in baseline.Files)
        {
            now.TryGetValue(path, out var after);
            if (Compare(path, before, after) is { } change) changes.Add(change);
        }

        foreach (var (path, after) in now)
        {
            if (!baseline.Files.ContainsKey(path)) changes.Add(Describe(ChangeKind.Added, path, null, after));
        }

        return [.. changes.OrderBy(c => c.Path, StringComparer.Ordinal)];
    }

    /// <summary>Re-checks one path (from the watcher); null when it matches the baseline.</summary>
    public FileChange? Check(string relativePath, out string? problem)
    {
        problem = null;
        string full = Path.Combine(baseline.Root, relativePath);
        FileEntry? after = File.Exists(full) || new FileInfo(full).LinkTarget is not null ? FileSnapshot.Read(baseline.Root, full, out problem) : null;
        if (problem is not null && problem.Contains("vanished", StringComparison.Ordinal)) problem = null;
        baseline.Files.TryGetValue(relativePath, out var before);
        if (before is null) return after is null ? null : Describe(ChangeKind.Added, relativePath, null, after);
        return Compare(relativePath, before, after);
    }

    private FileChange? Compare(string path, FileEntry before, FileEntry? after)
    {
        if (after is null) return Describe(ChangeKind.Deleted, path, before, null);
        if (after.Sha256 != before.Sha256) return Describe(ChangeKind.Changed, path, before, after);
        if (after.Mode != before.Mode) return Describe(ChangeKind.ModeChanged, path, before, after);
        return null;
    }

    private FileChange Describe(ChangeKind kind, string path, FileEntry? before, FileEntry? after)
    {
        string? diff = null;
        if (kind == ChangeKind.Changed && before is { Copied: true, LinkTarget: null } && after is { LinkTarget: null } && before.Size <= MaxDiffBytes && after.Size <= MaxDiffBytes)
        {
            diff = TextDiff(path, before);
        }

        return new FileChange(kind, path, before, after, sensitive.Why(path), diff);
    }

    private string? TextDiff(string path, FileEntry before)
    {
        try
        {
            if (store.ReadObject(before.Sha256) is not { } old) return null;
            byte[] current = File.ReadAllBytes(Path.Combine(baseline.Root, path));
            if (AsText(old) is not { } a || AsText(current) is not { } b) return null;
            return LineDiff.Unified(a, b, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? AsText(byte[] bytes)
    {
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).IndexOf((byte)0) >= 0) return null;
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The findings for a change: the change itself, and any skimmer or web shell in what was added or changed.</summary>
    public IEnumerable<Finding> Findings(FileChange change, DateTimeOffset at)
    {
        var entities = new List<Entity> { new(IntegrityFindings.FilePath, Path.Combine(baseline.Root, change.Path)) };
        if (change.After is not null) entities.Add(new Entity(IntegrityFindings.FileHash, change.After.Sha256));
        string place = change.Sensitive is null ? string.Empty : $" ({change.Sensitive})";
        bool sensitive = change.Sensitive is not null;
        bool code = Inspector.LanguageOf(change.Path) is "php" or "js";
        var (rule, severity, technique, text) = change.Kind switch
        {
            ChangeKind.Changed => ("ES-FIM-001", sensitive ? Severity.High : code ? Severity.Medium : Severity.Low, "T1565.001",
                $"{change.Path} changed{place}: {Size(change.Before!)} -> {Size(change.After!)}, sha256 {change.Before!.Sha256[..12]} -> {change.After!.Sha256[..12]}"),
            ChangeKind.Added => ("ES-FIM-002", sensitive ? Severity.High : code ? Severity.Medium : Severity.Low, "T1505.003",
                $"{change.Path} added{place}: {Size(change.After!)}"),
            ChangeKind.Deleted => ("ES-FIM-003", sensitive ? Severity.Medium : Severity.Low, "T1070.004", $"{change.Path} deleted{place}"),
            _ => ("ES-FIM-004", WorldWritable(change.After!.Mode) || NewlyExecutable(change.Before!.Mode, change.After.Mode) ? Severity.Medium : Severity.Low, "T1222.002",
                $"{change.Path} permissions changed{place}: {Octal(change.Before!.Mode)} -> {Octal(change.After.Mode)}"),
        };
        string key = $"{change.Path}\n{change.Kind}\n{change.After?.Sha256}\n{change.After?.Mode}";
        yield return IntegrityFindings.Create(Detector, rule, severity, 0.99, technique, text, key, at, entities);

        if (inspector is not null && change.Kind is ChangeKind.Added or ChangeKind.Changed && change.After is { LinkTarget: null })
        {
            var result = inspector.InspectFile(Path.Combine(baseline.Root, change.Path));
            foreach (var f in InspectionReport.Findings(result, at)) yield return f;
        }
    }

    private static string Size(FileEntry e) => e.LinkTarget is null ? e.Size.ToString(CultureInfo.InvariantCulture) + " bytes" : "link to " + e.LinkTarget;

    private static string Octal(int mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');

    private static bool WorldWritable(int mode) => (mode & 0b010) != 0;

    private static bool NewlyExecutable(int before, int after) => (before & 0b001_001_001) == 0 && (after & 0b001_001_001) != 0;
}
