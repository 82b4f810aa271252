namespace Ensuresec.Integrity.Files;

/// <summary>One file of a baseline: path relative to the root with '/' separators, size, Unix mode, SHA-256; a symbolic link keeps its target instead.</summary>
internal sealed record FileEntry(string Path, long Size, int Mode, string Sha256, DateTimeOffset Modified, string? LinkTarget = null, bool Copied = false);
