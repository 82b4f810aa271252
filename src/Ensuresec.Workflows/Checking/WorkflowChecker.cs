using System.Globalization;
using Ensuresec.Workflows.Ltl;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Checking;

/// <summary>Checks every property of a workflow: one breadth-first search for the state graph and the safety properties, then one product search per LTL property.</summary>
internal static class WorkflowChecker
{
    public static CheckReport Check(Workflow w, CheckLimits limits)
    {
        long start = limits.Time.GetTimestamp();
        var actions = ModelCompiler.Actions(w);
        var safety = w.Properties.Where(p => p.Invariant is not null).ToList();
        var invariants = safety.Select(p => ModelCompiler.Predicate(p.Invariant!)).ToList();
        var violations = new int[invariants.Count];
        long exploreStart = limits.Time.GetTimestamp();
        // The edges are only needed by the LTL searches; a safety-only check does not keep them.
        bool keepEdges = safety.Count < w.Properties.Count;
        var graph = Explorer.Explore(w, actions, invariants, violations, limits, start, keepEdges);
        var exploreTime = limits.Time.GetElapsedTime(exploreStart);
        long transitions = keepEdges ? graph.EdgeTarget.Count : graph.Transitions;

        var results = new List<PropertyResult>();
        foreach (var p in w.Properties)
        {
            int si = safety.IndexOf(p);
            if (si >= 0)
            {
                var verdict = violations[si] >= 0 ? Verdict.Fails : graph.Complete ? Verdict.Holds : Verdict.Unknown;
                var trace = violations[si] >= 0 ? ToTrace(w, actions, graph, graph.PathTo(violations[si]), null) : null;
                results.Add(new PropertyResult(p.Name, p.Text, p.Fair, true, verdict, trace, 0, verdict == Verdict.Unknown ? graph.StopReason : null));
                continue;
            }

            results.Add(CheckLtl(w, p, actions, graph, limits, start));
        }

        return new CheckReport(w.Name, w.File, results, graph.States.Count, transitions, graph.Deadlocks, graph.Complete, graph.StopReason,
            exploreTime, limits.Time.GetElapsedTime(start), graph.States.Bytes + (transitions * 8));
    }

    private static PropertyResult CheckLtl(Workflow w, PropertyInfo p, IReadOnlyList<ModelAction> actions, StateGraph graph, CheckLimits limits, long start)
    {
        PropertyResult Unknown(string why, int product = 0) => new(p.Name, p.Text, p.Fair, false, Verdict.Unknown, null, product, why);
        if (!graph.Complete) return Unknown(graph.StopReason ?? "the state graph is incomplete");
        var translator = new LtlTranslator();
        var negated = translator.Translate(p.Formula, negate: true);
        if (translator.Atoms.Count > 64) return Unknown("more than 64 distinct conditions in one property");
        var buchi = Buchi.Build(negated);
        if (buchi is null) return Unknown($"the formula's tableau outgrew its budget ({Buchi.MaxTableauNodes} states, {Buchi.MaxExpansions} expansion nodes)");
        var predicates = translator.Atoms.Select(ModelCompiler.Predicate).ToArray();
        var cache = new ulong[graph.States.Count];
        var known = new bool[graph.States.Count];
        var buffer = new int[w.SlotCount];
        ulong Atoms(int state)
        {
            if (known[state]) return cache[state];
            graph.States.CopyTo(state, buffer);
            ulong mask = 0;
            for (int i = 0; i < predicates.Length; i++) if (predicates[i](buffer)) mask |= 1UL << i;
            known[state] = true;
            return cache[state] = mask;
        }

        var search = new LivenessSearch(graph, buchi, Atoms, [.. actions.Select(a => a.Process)], w.Processes.Count, p.Fair, limits.MaxStates,
            () => limits.Time.GetElapsedTime(start) > limits.TimeLimit);
        var lasso = search.Run();
        if (search.BoundReached)
        {
            string why = search.OutOfTime
                ? string.Create(CultureInfo.InvariantCulture, $"time limit of {limits.TimeLimit.TotalSeconds} s reached")
                : string.Create(CultureInfo.InvariantCulture, $"product state bound of {limits.MaxStates} reached");
            return Unknown(why, search.ProductStates);
        }
        if (lasso is null) return new PropertyResult(p.Name, p.Text, p.Fair, false, Verdict.Holds, null, search.ProductStates, null);
        var (prefix, cycle) = lasso.Value;
        return new PropertyResult(p.Name, p.Text, p.Fair, false, Verdict.Fails, ToTrace(w, actions, graph, prefix, cycle), search.ProductStates, null);
    }

    private static Trace ToTrace(Workflow w, IReadOnlyList<ModelAction> actions, StateGraph graph, List<(int Action, int State)> prefix, List<(int Action, int State)>? cycle)
    {
        var steps = new List<TraceStep>();
        var buffer = new int[w.SlotCount];
        void Add((int Action, int State) step, bool first)
        {
            graph.States.CopyTo(step.State, buffer);
            var state = new List<KeyValuePair<string, string>>(w.SlotCount);
            for (int i = 0; i < w.SlotCount; i++) state.Add(new(w.SlotName(i), w.FormatSlot(i, buffer[i])));
            string action = first ? "start" : step.Action < 0 ? "stutter" : actions[step.Action].Label;
            steps.Add(new TraceStep(action, state));
        }

        for (int i = 0; i < prefix.Count; i++) Add(prefix[i], i == 0);
        int cycleStart = -1;
        if (cycle is not null)
        {
            cycleStart = steps.Count;
            foreach (var step in cycle) Add(step, false);
        }

        return new Trace(steps, cycleStart);
    }
}
