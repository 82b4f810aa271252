namespace Ensuresec.Response.Execution;

/// <summary>Bounds that make every run end: a playbook that would loop or nest forever fails with a clear error instead.</summary>
public sealed record ExecutionLimits
{
    /// <summary>Steps a run may take in all (each visit of a step counts).</summary>
    public int MaxSteps { get; init; } = 1000;

    /// <summary>Times a while-condition may repeat its body.</summary>
    public int MaxLoopIterations { get; init; } = 100;

    /// <summary>Nesting of sub-workflows (if, while, switch, parallel branches, playbook-action).</summary>
    public int MaxNesting { get; init; } = 32;

    /// <summary>Wall time for a whole run.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time for one command when its step sets no timeout.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Commands of one run in flight at once (parallel branches). The bound is on commands, not branches: a branch
    /// waiting for its own nested branches holds no slot, so nested parallel steps cannot starve each other.
    /// </summary>
    public int MaxParallelCommands { get; init; } = 4;

    public static readonly ExecutionLimits Default = new();
}
