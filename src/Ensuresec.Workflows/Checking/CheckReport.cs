namespace Ensuresec.Workflows.Checking;

/// <summary>The outcome of checking every property of a workflow, with what the search covered.</summary>
internal sealed record CheckReport(
    string Workflow,
    string File,
    IReadOnlyList<PropertyResult> Properties,
    int States,
    long Transitions,
    int Deadlocks,
    bool Complete,
    string? StopReason,
    TimeSpan ExploreTime,
    TimeSpan TotalTime,
    long MemoryBytes)
{
    /// <summary>Reachable states stored per second of the breadth-first search.</summary>
    public double StatesPerSecond => ExploreTime.TotalSeconds > 0 ? States / ExploreTime.TotalSeconds : 0;

    public bool AnyFailed => Properties.Any(p => p.Verdict == Verdict.Fails);

    public bool AllHold => Properties.All(p => p.Verdict == Verdict.Holds);
}

internal enum Verdict
{
    Holds,
    Fails,
    Unknown,
}

/// <summary>One property's verdict. Safety is "[] condition", checked during the BFS; the rest go through a Büchi automaton.</summary>
internal sealed record PropertyResult(string Name, string Formula, bool Fair, bool Safety, Verdict Verdict, Trace? Counterexample, int ProductStates, string? Note);

/// <summary>
/// A counterexample: the states from the start, each with the step that led to it. For liveness it is a lasso:
/// the steps from <see cref="CycleStart"/> on repeat forever; the last of them returns to the state of step
/// CycleStart - 1. CycleStart is -1 for a safety counterexample (a finite path to the bad state).
/// </summary>
internal sealed record Trace(IReadOnlyList<TraceStep> Steps, int CycleStart);

/// <summary>A step: the action taken ("start" for the initial state, "stutter" when nothing can move) and the state after it.</summary>
internal sealed record TraceStep(string Action, IReadOnlyList<KeyValuePair<string, string>> State);
