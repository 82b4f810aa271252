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

    /// <summary>
    /// Seeds 0..1999 of <see cref="System.Random"/>, fixed so a failure reproduces: the message names the seed,
    /// the formula and the word. Build may refuse a formula whose tableau outgrows its budget (documented, and
    /// reported as Unknown by the checker); that must stay rare for formulas this small.
    /// </summary>
    [Fact]
    public void Build_RandomFormulasOnLassoWords_AcceptsExactlyTheModels()
    {
        const int Seeds = 2000;
        int refused = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            var r = new Random(seed);
            var formula = RandomFormula(r, depth: 4);
            var automaton = Buchi.Build(formula);
            if (automaton is null)
            {
                refused++;
                continue;
            }

            for (int i = 0; i < 8; i++)
            {
                var (word, loopStart) = RandomLasso(r);
                bool expected = Holds(formula, word, loopStart);
                Accepts(automaton, word, loopStart).ShouldBe(
                    expected, $"seed {seed}: {formula} on [{string.Join(',', word)}] looping at {loopStart}");
            }
        }

        refused.ShouldBeLessThanOrEqualTo(Seeds / 200, "formulas of depth 4 over 3 atoms refused for tableau size");
    }

    /// <summary>
    /// Regression: random seed 375 of the property. Its tableau split into more than 100,000 work nodes, so Build
    /// returned null and the property threw; pruning branches whose alternative already holds keeps it in budget.
    /// </summary>
    [Fact]
    public void Build_Seed375Formula_FitsTheBudgetAndAcceptsExactlyTheModels()
    {
        LtlFormula P(int i) => new LtlLiteral(i, true);
        LtlFormula N(int i) => new LtlLiteral(i, false);
        var t = LtlFormula.True;
        var f = LtlFormula.False;
        var formula = new LtlRelease(
            new LtlUntil(
                new LtlOr(new LtlUntil(N(1), N(1)), new LtlOr(N(1), N(1))),
                new LtlAnd(new LtlRelease(P(0), t), new LtlOr(t, P(1)))),
            new LtlRelease(
                new LtlRelease(new LtlRelease(N(2), t), new LtlOr(N(2), N(0))),
                new LtlRelease(new LtlRelease(f, N(2)), new LtlOr(P(1), t))));

        var automaton = Buchi.Build(formula);

        automaton.ShouldNotBeNull();
        var r = new Random(375);
        for (int i = 0; i < 200; i++)
        {
            var (word, loopStart) = RandomLasso(r);
            Accepts(automaton, word, loopStart).ShouldBe(Holds(formula, word, loopStart), $"[{string.Join(',', word)}] looping at {loopStart}");
        }
    }

    /// <summary>Regression: skipping the until split when its right side is the constant true must still mark the node accepting.</summary>
    [Fact]
    public void Build_UntilOfTrueInsideAlways_IsAccepting()
    {
        var formula = new LtlRelease(LtlFormula.False, new LtlUntil(new LtlLiteral(0, true), LtlFormula.True));

        Accepts(Buchi.Build(formula)!, [0], 0).ShouldBeTrue();
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
