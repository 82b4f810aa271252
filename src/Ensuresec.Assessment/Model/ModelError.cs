namespace Ensuresec.Assessment.Model;

/// <summary>A problem in a model or catalogue file, located by file, line, column and key path (e.g. assets[2].zone).</summary>
public sealed record ModelError(string File, int Line, int Column, string KeyPath, string Reason)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {KeyPath}: {Reason}" : $"{File}: {KeyPath}: {Reason}";
}
