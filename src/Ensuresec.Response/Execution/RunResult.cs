namespace Ensuresec.Response.Execution;

/// <summary>The outcome of running one playbook: whether it reached an end step, why not, each action's result and the final variables.</summary>
public sealed record RunResult(string PlaybookId, string PlaybookName, bool Succeeded, string? Error, IReadOnlyList<StepResult> Steps, IReadOnlyDictionary<string, string> Variables);
