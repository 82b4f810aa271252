namespace Ensuresec.Response.Execution;

/// <summary>What happened to one command or step during a run.</summary>
public enum StepStatus
{
    Succeeded,
    Failed,

    /// <summary>A manual command: recorded for an analyst to carry out; the run goes on.</summary>
    Manual,
}

/// <summary>One recorded action of a run: the step, the command type (or step type), the outcome and its detail.</summary>
public sealed record StepResult(string StepId, string StepName, string Kind, StepStatus Status, string Detail, DateTimeOffset At);
