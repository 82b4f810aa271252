namespace Ensuresec.Workflows.Ltl;

/// <summary>
/// A Büchi automaton with state labels: a run may enter state q only on a system state that satisfies all of
/// q's literals (<see cref="Positive"/> atoms true, <see cref="Negative"/> atoms false). Built by the tableau of
/// Gerth, Peled, Vardi and Wolper (1995), then degeneralized with a counter over the acceptance sets.
/// </summary>
internal sealed class Buchi
{
    public const int MaxTableauNodes = 5000;

    /// <summary>Nodes created while expanding (most are split off and merged or dropped), bounding the work.</summary>
    public const int MaxExpansions = MaxTableauNodes * 20;

    private Buchi(int count)
    {
        Positive = new ulong[count];
        Negative = new ulong[count];
        Accepting = new bool[count];
        Successors = new int[count][];
    }

    public ulong[] Positive { get; }

    public ulong[] Negative { get; }

    public bool[] Accepting { get; }

    public int[][] Successors { get; private set; }

    public int[] Initial { get; private set; } = [];

    public int Count => Accepting.Length;

    /// <summary>Whether a state whose atoms are <paramref name="atoms"/> (bit i = atom i holds) satisfies q's label.</summary>
    public bool Admits(int q, ulong atoms) => (atoms & Positive[q]) == Positive[q] && (atoms & Negative[q]) == 0;

    /// <summary>The automaton of <paramref name="formula"/> (at most 64 atoms); null when the tableau grows past <see cref="MaxTableauNodes"/> states or <see cref="MaxExpansions"/> expansion nodes.</summary>
    public static Buchi? Build(LtlFormula formula)
    {
        var nodes = Tableau(formula);
        if (nodes is null) return null;
        var untils = new List<LtlUntil>();
        foreach (var n in nodes) foreach (var f in n.Old) if (f is LtlUntil u && !untils.Contains(u)) untils.Add(u);

        // Also untils that appear only as obligations: any until in any node's Old is what matters (GPVW).
        int m = Math.Max(1, untils.Count);
        var inF = new bool[nodes.Count, m];
        for (int q = 0; q < nodes.Count; q++)
        {
            for (int i = 0; i < m; i++)
            {
                inF[q, i] = untils.Count == 0 || !nodes[q].Old.Contains(untils[i]) || nodes[q].Old.Contains(untils[i].Right);
            }
        }

        var b = new Buchi(nodes.Count * m);
        var successorsOf = Enumerable.Range(0, nodes.Count).Select(_ => new List<int>()).ToArray();
        var initial = new List<int>();
        for (int q = 0; q < nodes.Count; q++)
        {
            foreach (int from in nodes[q].Incoming)
            {
                if (from == InitId) initial.Add(q);
                else successorsOf[from].Add(q);
            }
        }

        for (int q = 0; q < nodes.Count; q++)
        {
            ulong pos = 0, neg = 0;
            foreach (var f in nodes[q].Old)
            {
                if (f is LtlLiteral l)
                {
                    if (l.Positive) pos |= 1UL << l.Index;
                    else neg |= 1UL << l.Index;
                }
            }

            for (int i = 0; i < m; i++)
            {
                int id = (q * m) + i;
                b.Positive[id] = pos;
                b.Negative[id] = neg;
                b.Accepting[id] = i == m - 1 && inF[q, i];
                int j = inF[q, i] ? (i + 1) % m : i;
                b.Successors[id] = [.. successorsOf[q].Select(r => (r * m) + j)];
            }
        }

        b.Initial = [.. initial.Select(q => q * m)];
        return b;
    }

    private const int InitId = -1;

    private sealed class Node(int id, HashSet<int> incoming, HashSet<LtlFormula> @new, HashSet<LtlFormula> old, HashSet<LtlFormula> next)
    {
        public int Id { get; set; } = id;

        public HashSet<int> Incoming { get; } = incoming;

        public HashSet<LtlFormula> New { get; } = @new;

        public HashSet<LtlFormula> Old { get; } = old;

        public HashSet<LtlFormula> Next { get; } = next;

        public Node Split(int id) => new(id, [.. Incoming], [.. New], [.. Old], [.. Next]);
    }

    private static List<Node>? Tableau(LtlFormula formula)
    {
        var done = new List<Node>();
        int nextId = 0;
        var work = new Stack<Node>();
        work.Push(new Node(nextId++, [InitId], [formula], [], []));
        while (work.Count > 0)
        {
            if (done.Count > MaxTableauNodes || nextId > MaxExpansions) return null;
            var node = work.Pop();
            if (node.New.Count == 0)
            {
                var same = done.Find(d => d.Old.SetEquals(node.Old) && d.Next.SetEquals(node.Next));
                if (same is not null)
                {
                    same.Incoming.UnionWith(node.Incoming);
                    continue;
                }

                node.Id = done.Count;
                done.Add(node);
                work.Push(new Node(nextId++, [node.Id], [.. node.Next], [], []));
                continue;
            }

            var eta = node.New.First();
            node.New.Remove(eta);
            if (node.Old.Contains(eta))
            {
                work.Push(node);
                continue;
            }

            switch (eta)
            {
                case LtlConst c:
                    if (!c.Value) continue; // contradiction: drop the node
                    node.Old.Add(eta);
                    work.Push(node);
                    break;
                case LtlLiteral l:
                    if (node.Old.Contains(l with { Positive = !l.Positive })) continue;
                    node.Old.Add(eta);
                    work.Push(node);
                    break;
                case LtlAnd a:
                    node.Old.Add(eta);
                    AddNew(node, a.Left);
                    AddNew(node, a.Right);
                    work.Push(node);
                    break;
                case LtlNext x:
                    node.Old.Add(eta);
                    node.Next.Add(x.Operand);
                    work.Push(node);
                    break;
                // A disjunction-like formula whose cheaper alternative already holds in the node needs no split:
                // the other branch only adds obligations, so its words are a subset. Without this pruning the
                // split nodes grow exponentially and small formulas (15 operators) hit the node budget.
                case LtlOr o when HoldsIn(node, o.Left) || HoldsIn(node, o.Right) || IsFalse(o.Left) || IsFalse(o.Right):
                    node.Old.Add(eta);
                    AddNew(node, HoldsIn(node, o.Left) ? o.Left : HoldsIn(node, o.Right) ? o.Right : IsFalse(o.Left) ? o.Right : o.Left);
                    work.Push(node);
                    break;
                case LtlOr o:
                    Branch(node, eta, [o.Left], [], [o.Right], work, ref nextId);
                    break;
                case LtlUntil u when HoldsIn(node, u.Right):
                    node.Old.Add(eta);
                    AddNew(node, u.Right); // a constant true must reach Old too: acceptance looks for it there
                    work.Push(node);
                    break;
                case LtlUntil u:
                    Branch(node, eta, [u.Left], [eta], [u.Right], work, ref nextId);
                    break;
                case LtlRelease r when HoldsIn(node, r.Left) && HoldsIn(node, r.Right):
                    node.Old.Add(eta);
                    AddNew(node, r.Left);
                    AddNew(node, r.Right);
                    work.Push(node);
                    break;
                case LtlRelease r when IsFalse(r.Left):
                    node.Old.Add(eta); // always: the second branch would need false now
                    AddNew(node, r.Right);
                    node.Next.Add(eta);
                    work.Push(node);
                    break;
                case LtlRelease r:
                    Branch(node, eta, [r.Right], [eta], [r.Left, r.Right], work, ref nextId);
                    break;
                default:
                    throw new InvalidOperationException("unknown formula " + eta);
            }
        }

        return done;
    }

    private static void Branch(Node node, LtlFormula eta, LtlFormula[] new1, LtlFormula[] next1, LtlFormula[] new2, Stack<Node> work, ref int nextId)
    {
        node.Old.Add(eta);
        var second = node.Split(nextId++);
        foreach (var f in new1) AddNew(node, f);
        foreach (var f in next1) node.Next.Add(f);
        foreach (var f in new2) AddNew(second, f);
        work.Push(second);
        work.Push(node);
    }

    /// <summary>Whether <paramref name="f"/> is already established in the node (or trivially true).</summary>
    private static bool HoldsIn(Node node, LtlFormula f) => f is LtlConst { Value: true } || node.Old.Contains(f);

    private static bool IsFalse(LtlFormula f) => f is LtlConst { Value: false };

    private static void AddNew(Node node, LtlFormula f)
    {
        if (!node.Old.Contains(f)) node.New.Add(f);
    }
}
