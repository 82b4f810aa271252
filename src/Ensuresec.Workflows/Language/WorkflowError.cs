namespace Ensuresec.Workflows.Language;

/// <summary>What is wrong with a workflow file, and where: "file:line:column: message".</summary>
public sealed record WorkflowError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
