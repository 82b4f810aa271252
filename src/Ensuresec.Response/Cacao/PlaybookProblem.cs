namespace Ensuresec.Response.Cacao;

/// <summary>Whether a problem stops a playbook from being run.</summary>
public enum ProblemLevel
{
    Warning,
    Error,
}

/// <summary>One thing wrong with a playbook: where (the source, then a JSON path such as workflow.action--1.on_completion) and what.</summary>
public sealed record PlaybookProblem(ProblemLevel Level, string Source, string Path, string Message)
{
    public override string ToString() => $"{Source}: {(Level == ProblemLevel.Error ? "error" : "warning")}: {(Path.Length == 0 ? "" : Path + ": ")}{Message}";
}
