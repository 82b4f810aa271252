using FsCheck;
using FsCheck.Fluent;
using Ensuresec.Workflows.Ltl;

namespace Ensuresec.Workflows.Tests.Ltl;

/// <summary>
/// The tableau against the definition: on ultimately periodic words (a prefix, then a loop repeated forever),
/// the automaton accepts exactly when a naive fixpoint evaluation of the formula says it holds.
/// </summary>
public sealed class BuchiTests
{
    private const int Atoms = 3;

    [Fact]
    public void Build_RandomFormulasOnLassoWords_AcceptsExactlyTheModels()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var r = new Random(seed);
            var formula = RandomFormula(r, depth: 4);
            var automaton = Buchi.Build(formula)!;
            for (int i = 0; i < 8; i++)
            {
                var (word, loopStart) = RandomLasso(r);
                bool expected = Holds(formula, word, loopStart);
                bool accepted = Accepts(automaton, word, loopStart);
                if (expected != accepted) return false;
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("always p0", new ulong[] { 1, 1 }, 0, true)]
    [InlineData("always p0", new ulong[] { 1, 0 }, 1, false)]
    [InlineData("eventually p0", new ulong[] { 0, 0, 1 }, 2, true)]
    [InlineData("eventually p0", new ulong[] { 0, 0 }, 0, false)]
    [InlineData("always eventually p0", new ulong[] { 1, 0, 0 }, 1, false)]
    [InlineData("always eventually p0", new ulong[] { 0, 1, 0 }, 1, true)]
    [InlineData("eventually always p0", new ulong[] { 0, 1, 1 }, 1, true)]
    public void Build_KnownCases(string name, ulong[] word, int loopStart, bool expected)
    {
        var p = new LtlLiteral(0, true);
        LtlFormula f = name switch
        {
            "always p0" => new LtlRelease(LtlFormula.False, p),
            "eventually p0" => new LtlUntil(LtlFormula.True, p),
            "always eventually p0" => new LtlRelease(LtlFormula.False, new LtlUntil(LtlFormula.True, p)),
            _ => new LtlUntil(LtlFormula.True, new LtlRelease(LtlFormula.False, p)),
        };

        Accepts(Buchi.Build(f)!, word, loopStart).ShouldBe(expected);
        Holds(f, word, loopStart).ShouldBe(expected);
    }

    private static LtlFormula RandomFormula(Random r, int depth)
    {
        if (depth == 0 || r.Next(4) == 0)
        {
            return r.Next(10) switch
            {
                0 => LtlFormula.True,
                1 => LtlFormula.False,
                _ => new LtlLiteral(r.Next(Atoms), r.Next(2) == 0),
            };
        }

        return r.Next(6) switch
        {
            0 => new LtlAnd(RandomFormula(r, depth - 1), RandomFormula(r, depth - 1)),
            1 => new LtlOr(RandomFormula(r, depth - 1), RandomFormula(r, depth - 1)),
            2 => new LtlNext(RandomFormula(r, depth - 1)),
            3 => new LtlUntil(RandomFormula(r, depth - 1), RandomFormula(r, depth - 1)),
            _ => new LtlRelease(RandomFormula(r, depth - 1), RandomFormula(r, depth - 1)),
        };
    }

    private static (ulong[] Word, int LoopStart) RandomLasso(Random r)
    {
        int n = r.Next(1, 7);
        var word = Enumerable.Range(0, n).Select(_ => (ulong)r.Next(1 << Atoms)).ToArray();
        return (word, r.Next(n));
    }

    private static int Next(int i, int n, int loopStart) => i + 1 < n ? i + 1 : loopStart;

    /// <summary>The definition: least fixpoints for until, greatest for release, over the lasso's positions.</summary>
    private static bool Holds(LtlFormula f, ulong[] word, int loopStart) => Eval(f, word, loopStart)[0];

    private static bool[] Eval(LtlFormula f, ulong[] w, int loopStart)
    {
        int n = w.Length;
        switch (f)
        {
            case LtlConst c:
                return Enumerable.Repeat(c.Value, n).ToArray();
            case LtlLiteral l:
                return w.Select(a => ((a >> l.Index) & 1) == 1 == l.Positive).ToArray();
            case LtlAnd a:
                {
                    var x = Eval(a.Left, w, loopStart);
                    var y = Eval(a.Right, w, loopStart);
                    return x.Select((v, i) => v && y[i]).ToArray();
                }

            case LtlOr o:
                {
                    var x = Eval(o.Left, w, loopStart);
                    var y = Eval(o.Right, w, loopStart);
                    return x.Select((v, i) => v || y[i]).ToArray();
                }

            case LtlNext x:
                {
                    var v = Eval(x.Operand, w, loopStart);
                    return Enumerable.Range(0, n).Select(i => v[Next(i, n, loopStart)]).ToArray();
                }

            case LtlUntil u:
                {
                    var a = Eval(u.Left, w, loopStart);
                    var b = Eval(u.Right, w, loopStart);
                    var v = new bool[n];
                    for (int round = 0; round <= n; round++)
                    {
                        for (int i = n - 1; i >= 0; i--) v[i] = b[i] || (a[i] && v[Next(i, n, loopStart)]);
                    }

                    return v;
                }

            case LtlRelease rel:
                {
                    var a = Eval(rel.Left, w, loopStart);
                    var b = Eval(rel.Right, w, loopStart);
                    var v = Enumerable.Repeat(true, n).ToArray();
                    for (int round = 0; round <= n; round++)
                    {
                        for (int i = n - 1; i >= 0; i--) v[i] = b[i] && (a[i] || v[Next(i, n, loopStart)]);
                    }

                    return v;
                }

            default:
                throw new InvalidOperationException();
        }
    }

    /// <summary>Whether the automaton has an accepting run on the lasso: a reachable accepting product node on a cycle.</summary>
    private static bool Accepts(Buchi b, ulong[] w, int loopStart)
    {
        int n = w.Length;
        IEnumerable<(int Q, int I)> Successors((int Q, int I) node)
        {
            int j = Next(node.I, n, loopStart);
            return b.Successors[node.Q].Where(q => b.Admits(q, w[j])).Select(q => (q, j));
        }

        var start = b.Initial.Where(q => b.Admits(q, w[0])).Select(q => (q, 0)).ToList();
        var reachable = new HashSet<(int, int)>(start);
        var queue = new Queue<(int, int)>(start);
        while (queue.Count > 0)
        {
            foreach (var s in Successors(queue.Dequeue())) if (reachable.Add(s)) queue.Enqueue(s);
        }

        foreach (var node in reachable.Where(x => b.Accepting[x.Item1]))
        {
            var seen = new HashSet<(int, int)>();
            var search = new Queue<(int, int)>(Successors(node));
            while (search.Count > 0)
            {
                var s = search.Dequeue();
                if (s == node) return true;
                if (seen.Add(s)) foreach (var t in Successors(s)) search.Enqueue(t);
            }
        }

        return false;
    }
}
