using Ensuresec.Workflows.Checking;
using Ensuresec.Workflows.Model;
using Ensuresec.Workflows.Tests.Support;

namespace Ensuresec.Workflows.Tests.Promela;

/// <summary>
/// Our checker and SPIN must give the same verdict on every property: the shipped examples, mutants of them that
/// break their properties, and seeded random workflows. tests/deps/workflows.sh installs spin and gcc.
/// </summary>
public sealed class SpinCrossCheckTests
{
    [Fact]
    public void Examples_SameVerdictsAsSpin_AllHold()
    {
        var files = Examples.Files.Select(f => Path.GetFileName(f)).ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(3);
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            var verdicts = AssertSameVerdicts(Examples.Load(file));
            verdicts.Values.ShouldAllBe(v => v == Verdict.Holds, $"{file}: the shipped examples are correct models");
        });
    }

    [Fact]
    public void Mutants_FailTheirPropertyInBothCheckers()
    {
        var mutants = Mutants.All().Select(row => ((string)row[0], (string)row[1], (string)row[2], (string)row[3])).ToList();
        Parallel.ForEach(mutants, new ParallelOptions { MaxDegreeOfParallelism = 2 }, m =>
        {
            var (file, find, replace, property) = m;
            var w = Examples.Parse(Mutants.Apply(Examples.Text(file), find, replace), file);
            AssertSameVerdicts(w)[property].ShouldBe(Verdict.Fails, $"{file}: {find} -> {replace}");
        });
    }

    [Fact]
    public void NothingMoves_SameVerdictsAsSpin()
    {
        var w = Examples.Parse("workflow still;\nvar x: 0..3 = 2;\nprocess P { states a; }\nproperty stays: [] (x == 2);\nproperty changes: <> (x == 3);\n");

        var verdicts = AssertSameVerdicts(w);

        verdicts["stays"].ShouldBe(Verdict.Holds);
        verdicts["changes"].ShouldBe(Verdict.Fails);
    }

    [Fact]
    public void RandomWorkflows_SameVerdictsAsSpin()
    {
        int fails = 0, holds = 0;
        Parallel.For(1, 15, new ParallelOptions { MaxDegreeOfParallelism = 2 }, seed =>
        {
            var w = Examples.Parse(RandomWorkflows.Generate(seed), $"random-{seed}.wf");
            foreach (var v in AssertSameVerdicts(w).Values)
            {
                if (v == Verdict.Fails) Interlocked.Increment(ref fails);
                else Interlocked.Increment(ref holds);
            }
        });

        // The generator must produce both outcomes, or the comparison proves little.
        fails.ShouldBeGreaterThan(4);
        holds.ShouldBeGreaterThan(4);
    }

    private static Dictionary<string, Verdict> AssertSameVerdicts(Workflow w)
    {
        Spin.Available().ShouldBeTrue("spin and gcc are needed: run tests/deps/workflows.sh");
        var ours = WorkflowChecker.Check(w, new CheckLimits());
        ours.Complete.ShouldBeTrue();
        var spin = Spin.Verify(w);
        var result = new Dictionary<string, Verdict>();
        var exported = w.Properties.Where(Ensuresec.Workflows.Promela.PromelaExporter.Exportable).Select(p => p.Name).ToHashSet();
        foreach (var p in ours.Properties.Where(p => exported.Contains(p.Name)))
        {
            p.Verdict.ShouldNotBe(Verdict.Unknown, p.Note);
            bool holds = p.Verdict == Verdict.Holds;
            holds.ShouldBe(spin[p.Name].Holds, $"{w.File}: property {p.Name} ({p.Formula}, fair: {p.Fair}): ours {p.Verdict}, SPIN {(spin[p.Name].Holds ? "holds" : "fails")}\n{PromelaText(w)}");
            result[p.Name] = p.Verdict;
        }

        return result;
    }

    private static string PromelaText(Workflow w) => Ensuresec.Workflows.Promela.PromelaExporter.Export(w);
}
