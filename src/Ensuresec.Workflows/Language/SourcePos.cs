namespace Ensuresec.Workflows.Language;

/// <summary>A place in a workflow file: 1-based line and column.</summary>
internal readonly record struct SourcePos(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
