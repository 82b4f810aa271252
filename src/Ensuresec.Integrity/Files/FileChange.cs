namespace Ensuresec.Integrity.Files;

internal enum ChangeKind
{
    Added,
    Changed,
    Deleted,
    ModeChanged,
}

/// <summary>A difference between the baseline and the tree now; <see cref="Diff"/> for text files whose baseline copy exists.</summary>
internal sealed record FileChange(ChangeKind Kind, string Path, FileEntry? Before, FileEntry? After, string? Sensitive, string? Diff);
