using Ensuresec.Workflows.Ltl;

namespace Ensuresec.Workflows.Checking;

/// <summary>
/// Looks for an accepting run of a Büchi automaton (the negated property) through the state graph: Tarjan's
/// strongly connected components over the product, on the fly. A component is a counterexample when it has a
/// cycle, an accepting state and, under weak fairness, gives every process its due: each process is disabled
/// somewhere in it or takes a step inside it. A state without successors stutters forever (as in SPIN).
/// </summary>
internal sealed class LivenessSearch
{
    private const int Stutter = -1;

    private readonly StateGraph _g;
    private readonly Buchi _b;
    private readonly Func<int, ulong> _atoms;
    private readonly int[] _actionProcess;
    private readonly int _processes;
    private readonly bool _fair;
    private readonly int _maxStates;
    private readonly Dictionary<long, int> _ids = [];
    private readonly List<int> _sys = [];
    private readonly List<int> _q = [];
    private readonly List<int> _index = [];
    private readonly List<int> _low = [];
    private readonly List<int> _comp = [];

    private readonly Func<bool> _outOfTime;

    public LivenessSearch(StateGraph graph, Buchi buchi, Func<int, ulong> atoms, int[] actionProcess, int processes, bool fair, int maxStates, Func<bool> outOfTime)
    {
        _outOfTime = outOfTime;
        _g = graph;
        _b = buchi;
        _atoms = atoms;
        _actionProcess = actionProcess;
        _processes = processes;
        _fair = fair;
        _maxStates = maxStates;
    }

    /// <summary>Product states created.</summary>
    public int ProductStates => _sys.Count;

    public bool BoundReached { get; private set; }

    /// <summary>Whether the bound reached was the time limit (else the state bound).</summary>
    public bool OutOfTime { get; private set; }

    /// <summary>A lasso (prefix, then cycle returning to the cycle's first state) of (action, system state) steps, or null when none exists.</summary>
    public (List<(int Action, int State)> Prefix, List<(int Action, int State)> Cycle)? Run()
    {
        var initial = new List<int>();
        foreach (int q0 in _b.Initial)
        {
            if (_b.Admits(q0, _atoms(0))) initial.Add(Id(0, q0));
        }

        int counter = 0;
        var stack = new Stack<int>();
        var onStack = new List<bool>();
        var frames = new Stack<(int Node, List<(int Node, int Action)> Succ, int Next)>();
        foreach (int root in initial)
        {
            if (_index[root] >= 0) continue;
            Visit(root);
            while (frames.Count > 0)
            {
                var (v, succ, next) = frames.Pop();
                if (next < succ.Count)
                {
                    frames.Push((v, succ, next + 1));
                    int w = succ[next].Node;
                    if (BoundReached) return null;
                    if (_index[w] < 0) Visit(w);
                    else if (w < onStack.Count && onStack[w]) _low[v] = Math.Min(_low[v], _index[w]);
                    continue;
                }

                if (frames.Count > 0)
                {
                    var parent = frames.Peek().Node;
                    _low[parent] = Math.Min(_low[parent], _low[v]);
                }

                if (_low[v] != _index[v]) continue;
                var members = new List<int>();
                int x;
                do
                {
                    x = stack.Pop();
                    onStack[x] = false;
                    _comp[x] = v;
                    members.Add(x);
                }
                while (x != v);
                if (IsFairAcceptingCycle(members, v)) return Lasso(initial, members, v);
            }
        }

        return null;

        void Visit(int node)
        {
            _index[node] = _low[node] = counter++;
            stack.Push(node);
            while (onStack.Count <= node) onStack.Add(false);
            onStack[node] = true;
            frames.Push((node, Successors(node), 0));
        }
    }

    private bool IsFairAcceptingCycle(List<int> members, int comp)
    {
        bool accepting = false, cycle = members.Count > 1;
        ulong disabledSomewhere = 0, steppedInside = 0;
        foreach (int m in members)
        {
            accepting |= _b.Accepting[_q[m]];
            disabledSomewhere |= ~_g.Enabled[_sys[m]];
            foreach (var (w, action) in Successors(m))
            {
                if (_comp[w] != comp) continue;
                if (w == m) cycle = true;
                if (action != Stutter) steppedInside |= 1UL << _actionProcess[action];
            }
        }

        if (!accepting || !cycle) return false;
        if (!_fair) return true;
        ulong all = _processes == 64 ? ulong.MaxValue : (1UL << _processes) - 1;
        return ((disabledSomewhere | steppedInside) & all) == all;
    }

    private (List<(int, int)>, List<(int, int)>) Lasso(List<int> initial, List<int> members, int comp)
    {
        // Prefix: the shortest path in the product from a start to the component.
        var prefixNodes = Bfs(initial, n => _comp.Count > n && _comp[n] == comp, inside: -1);
        int entry = prefixNodes[^1].Node;
        var cycle = new List<(int Node, int Action)>();
        int at = entry;

        void GoTo(Func<int, bool> goal)
        {
            if (goal(at)) return;
            var path = Bfs([at], goal, comp);
            cycle.AddRange(path.Skip(1));
            at = path[^1].Node;
        }

        GoTo(n => _b.Accepting[_q[n]]);
        if (_fair)
        {
            for (int p = 0; p < _processes; p++)
            {
                int proc = p;
                if (members.Any(m => (_g.Enabled[_sys[m]] & (1UL << proc)) == 0))
                {
                    if ((_g.Enabled[_sys[at]] & (1UL << proc)) != 0) GoTo(n => (_g.Enabled[_sys[n]] & (1UL << proc)) == 0);
                    continue;
                }

                // Go to a state with a step of p inside the component, then take it.
                GoTo(n => Successors(n).Any(s => _comp[s.Node] == comp && s.Action != Stutter && _actionProcess[s.Action] == proc));
                var step = Successors(at).First(s => _comp[s.Node] == comp && s.Action != Stutter && _actionProcess[s.Action] == proc);
                cycle.Add(step);
                at = step.Node;
            }
        }

        // Close the cycle: back to the entry, with at least one step.
        if (at != entry || cycle.Count == 0)
        {
            var back = Bfs([at], n => n == entry, comp, allowStart: false);
            cycle.AddRange(back.Skip(1));
        }
        var prefix = prefixNodes.Select(n => (n.Action, _sys[n.Node])).ToList();
        return (prefix, [.. cycle.Select(n => (n.Action, _sys[n.Node]))]);
    }

    /// <summary>
    /// Shortest path from one of <paramref name="starts"/> to a node meeting <paramref name="goal"/>, staying in
    /// component <paramref name="inside"/> (unless -1). With allowStart false the path has at least one step.
    /// </summary>
    private List<(int Node, int Action)> Bfs(List<int> starts, Func<int, bool> goal, int inside, bool allowStart = true)
    {
        var parent = new Dictionary<int, (int From, int Action)>();
        var queue = new Queue<int>();
        foreach (int s in starts)
        {
            if (allowStart && goal(s)) return [(s, Stutter)];
            if (parent.TryAdd(s, (-1, Stutter))) queue.Enqueue(s);
        }

        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            foreach (var (w, action) in Successors(v))
            {
                if (inside >= 0 && _comp[w] != inside) continue;
                if (goal(w))
                {
                    var path = new List<(int, int)> { (w, action) };
                    for (int x = v; x >= 0; x = parent[x].From) path.Add((x, parent[x].Action));
                    path.Reverse();
                    return path;
                }

                if (parent.TryAdd(w, (v, action))) queue.Enqueue(w);
            }
        }

        throw new InvalidOperationException("no path inside a strongly connected component");
    }

    private List<(int Node, int Action)> Successors(int node)
    {
        int s = _sys[node], q = _q[node];
        var result = new List<(int, int)>();
        int from = _g.EdgeStart[s], to = _g.EdgeStart[s + 1];
        if (from == to)
        {
            AddProduct(s, Stutter);
        }
        else
        {
            for (int e = from; e < to; e++) AddProduct(_g.EdgeTarget[e], _g.EdgeAction[e]);
        }

        return result;

        void AddProduct(int target, int action)
        {
            ulong atoms = _atoms(target);
            foreach (int q2 in _b.Successors[q])
            {
                if (_b.Admits(q2, atoms)) result.Add((Id(target, q2), action));
            }
        }
    }

    private int Id(int sys, int q)
    {
        long key = ((long)sys * _b.Count) + q;
        if (_ids.TryGetValue(key, out int id)) return id;
        id = _sys.Count;
        _ids[key] = id;
        _sys.Add(sys);
        _q.Add(q);
        _index.Add(-1);
        _low.Add(-1);
        _comp.Add(-1);
        if (id >= _maxStates) BoundReached = true;
        if ((id & 1023) == 0 && _outOfTime()) BoundReached = OutOfTime = true;
        return id;
    }
}
