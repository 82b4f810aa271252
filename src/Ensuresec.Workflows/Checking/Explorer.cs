using System.Globalization;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Checking;

/// <summary>
/// Breadth-first exploration of every reachable state. Invariants are checked on each new state as it is found,
/// so the first violation of each is at the shortest distance from the start.
/// </summary>
internal static class Explorer
{
    public static StateGraph Explore(
        Workflow w, IReadOnlyList<ModelAction> actions, IReadOnlyList<Func<int[], bool>> invariants, int[] violations,
        CheckLimits limits, long startTimestamp, bool keepEdges = true)
    {
        Array.Fill(violations, -1);
        int width = w.SlotCount;
        var byState = IndexBySourceState(w, actions);
        var graph = new StateGraph(new StateStore(width));
        var current = new int[width];
        var next = new int[width];
        var init = w.InitialState();
        graph.States.AddOrGet(init, out _);
        graph.Parent.Add(-1);
        graph.ParentAction.Add(-1);
        CheckInvariants(init, 0, invariants, violations);
        for (int id = 0; id < graph.States.Count; id++)
        {
            if ((id & 1023) == 0 && limits.Time.GetElapsedTime(startTimestamp) > limits.TimeLimit)
            {
                graph.Complete = false;
                graph.StopReason = string.Create(CultureInfo.InvariantCulture, $"time limit of {limits.TimeLimit.TotalSeconds:0.#} s reached");
                break;
            }

            graph.States.CopyTo(id, current);
            ulong enabled = 0;
            for (int p = 0; p < byState.Length; p++)
            {
                foreach (int a in byState[p][current[p]])
                {
                    var action = actions[a];
                    if (!action.Enabled(current)) continue;
                    enabled |= 1UL << p;
                    action.Apply(current, next);
                    int target = graph.States.AddOrGet(next, out bool added);
                    if (added)
                    {
                        graph.Parent.Add(id);
                        graph.ParentAction.Add(a);
                        CheckInvariants(next, target, invariants, violations);
                    }

                    if (keepEdges)
                    {
                        graph.EdgeTarget.Add(target);
                        graph.EdgeAction.Add(a);
                    }
                    else
                    {
                        graph.Transitions++;
                    }
                }
            }

            if (enabled == 0) graph.Deadlocks++;
            if (keepEdges) graph.Enabled.Add(enabled);
            graph.EdgeStart.Add(graph.EdgeTarget.Count);
            if (graph.States.Count > limits.MaxStates)
            {
                graph.Complete = false;
                graph.StopReason = string.Create(CultureInfo.InvariantCulture, $"state bound of {limits.MaxStates} reached");
                break;
            }
        }

        return graph;
    }

    private static void CheckInvariants(int[] state, int id, IReadOnlyList<Func<int[], bool>> invariants, int[] violations)
    {
        for (int i = 0; i < invariants.Count; i++)
        {
            if (violations[i] < 0 && !invariants[i](state)) violations[i] = id;
        }
    }

    /// <summary>For each process and each of its states, the actions that may leave it.</summary>
    private static int[][][] IndexBySourceState(Workflow w, IReadOnlyList<ModelAction> actions)
    {
        var index = new int[w.Processes.Count][][];
        for (int p = 0; p < w.Processes.Count; p++)
        {
            var process = w.Processes[p];
            var lists = Enumerable.Range(0, process.States.Count).Select(_ => new List<int>()).ToArray();
            for (int a = 0; a < actions.Count; a++)
            {
                if (actions[a].Process != p) continue;
                foreach (int src in process.Transitions[actions[a].Transition].Sources.Distinct()) lists[src].Add(a);
            }

            index[p] = [.. lists.Select(l => l.ToArray())];
        }

        return index;
    }
}
