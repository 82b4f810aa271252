namespace Ensuresec.Workflows.Checking;

/// <summary>
/// The reachable states found by breadth-first search, numbered in BFS order (so the tree of first discoveries
/// gives shortest paths), with every edge kept for the liveness search.
/// </summary>
internal sealed class StateGraph(StateStore states)
{
    public StateStore States { get; } = states;

    /// <summary>BFS parent of each state (-1 for the initial state) and the action that reached it.</summary>
    public List<int> Parent { get; } = [];

    public List<int> ParentAction { get; } = [];

    /// <summary>Edges of state i are EdgeTarget/EdgeAction[EdgeStart[i] .. EdgeStart[i + 1]).</summary>
    public List<int> EdgeStart { get; } = [0];

    public List<int> EdgeTarget { get; } = [];

    public List<int> EdgeAction { get; } = [];

    /// <summary>Bit p is set when process p has an enabled transition in the state.</summary>
    public List<ulong> Enabled { get; } = [];

    /// <summary>False when a bound stopped the search; <see cref="StopReason"/> says which.</summary>
    public bool Complete { get; set; } = true;

    public string? StopReason { get; set; }

    /// <summary>States expanded (all of them when complete).</summary>
    public int Expanded => EdgeStart.Count - 1;

    public int Deadlocks { get; set; }

    /// <summary>Transitions counted when the edges are not kept (a safety-only check).</summary>
    public long Transitions { get; set; }

    /// <summary>The path from the initial state to <paramref name="state"/>: (action, state) pairs, action -1 for the start.</summary>
    public List<(int Action, int State)> PathTo(int state)
    {
        var path = new List<(int, int)>();
        for (int s = state; s >= 0; s = Parent[s]) path.Add((ParentAction[s], s));
        path.Reverse();
        return path;
    }
}
