using Ensuresec.Workflows.Ltl;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Monitoring;

/// <summary>
/// A property compiled for runtime verification (three-valued LTL, after Bauer, Leucker and Schallhart): the
/// Büchi automaton of the property itself, pruned to states from which some infinite continuation is accepted.
/// Reading the observed states keeps the set of automaton states still possible; when it becomes empty, no
/// future can satisfy the property any more and the trace so far is a violation.
/// </summary>
internal sealed class PropertyMonitor
{
    private readonly Buchi _b;
    private readonly bool[] _live;

    private PropertyMonitor(PropertyInfo property, Buchi b, IReadOnlyList<BoundExpr> atoms)
    {
        Property = property;
        _b = b;
        Atoms = atoms;
        _live = LiveStates(b);
    }

    public PropertyInfo Property { get; }

    public IReadOnlyList<BoundExpr> Atoms { get; }

    /// <summary>Null when the property has more than 64 conditions or its automaton is too large.</summary>
    public static PropertyMonitor? Create(PropertyInfo property)
    {
        var translator = new LtlTranslator();
        var formula = translator.Translate(property.Formula, negate: false);
        if (translator.Atoms.Count > 64) return null;
        var b = Buchi.Build(formula);
        return b is null ? null : new PropertyMonitor(property, b, translator.Atoms);
    }

    public ulong Evaluate(object?[] slots)
    {
        ulong mask = 0;
        for (int i = 0; i < Atoms.Count; i++)
        {
            if (RuntimeEvaluator.IsTrue(Atoms[i], slots, [])) mask |= 1UL << i;
        }

        return mask;
    }

    /// <summary>The automaton states after reading the first observed state; empty = already violated.</summary>
    public int[] Start(ulong atoms) => [.. _b.Initial.Where(q => _live[q] && _b.Admits(q, atoms)).Distinct()];

    public int[] Step(int[] states, ulong atoms)
    {
        var next = new HashSet<int>();
        foreach (int q in states)
        {
            foreach (int r in _b.Successors[q])
            {
                if (_live[r] && _b.Admits(r, atoms)) next.Add(r);
            }
        }

        return [.. next];
    }

    /// <summary>Whether the trace, continued by its last state forever, satisfies the property.</summary>
    public bool AcceptsStutter(int[] states, ulong lastAtoms)
    {
        // Reachable automaton states while the letter stays the same; then an accepting state on a cycle among them.
        var reach = new HashSet<int>(states);
        var queue = new Queue<int>(states);
        while (queue.Count > 0)
        {
            int q = queue.Dequeue();
            foreach (int r in _b.Successors[q])
            {
                if (_b.Admits(r, lastAtoms) && reach.Add(r)) queue.Enqueue(r);
            }
        }

        foreach (int a in reach)
        {
            if (_b.Accepting[a] && ReachesItself(a, r => _b.Admits(r, lastAtoms))) return true;
        }

        return false;
    }

    private bool ReachesItself(int start, Func<int, bool> allowed)
    {
        var seen = new HashSet<int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            int q = queue.Dequeue();
            foreach (int r in _b.Successors[q])
            {
                if (!allowed(r)) continue;
                if (r == start) return true;
                if (seen.Add(r)) queue.Enqueue(r);
            }
        }

        return false;
    }

    // A state is live when it can reach an accepting state that lies on a cycle (labels are taken as satisfiable).
    private static bool[] LiveStates(Buchi b)
    {
        var live = new bool[b.Count];
        var predecessors = Enumerable.Range(0, b.Count).Select(_ => new List<int>()).ToArray();
        for (int q = 0; q < b.Count; q++) foreach (int r in b.Successors[q]) predecessors[r].Add(q);
        var queue = new Queue<int>();
        for (int a = 0; a < b.Count; a++)
        {
            if (!b.Accepting[a] || live[a]) continue;
            var seen = new HashSet<int>();
            var search = new Queue<int>(b.Successors[a]);
            bool cycle = false;
            while (search.Count > 0 && !cycle)
            {
                int q = search.Dequeue();
                if (q == a) cycle = true;
                else if (seen.Add(q)) foreach (int r in b.Successors[q]) search.Enqueue(r);
            }

            if (!cycle) continue;
            live[a] = true;
            queue.Enqueue(a);
        }

        while (queue.Count > 0)
        {
            int q = queue.Dequeue();
            foreach (int p in predecessors[q])
            {
                if (live[p]) continue;
                live[p] = true;
                queue.Enqueue(p);
            }
        }

        return live;
    }
}
