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
    public static TheoryData<string> ExampleFiles() => [.. Examples.Files.Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_SameVerdictsAsSpin(string file)
    {
        var w = Examples.Load(file);
        var verdicts = AssertSameVerdicts(w);
        verdicts.Values.ShouldAllBe(v => v == Verdict.Holds, "the shipped examples are correct models");
    }

    [Theory]
    [MemberData(nameof(Mutants.All), MemberType = typeof(Mutants))]
    public void Mutant_FailsItsPropertyInBothCheckers(string file, string find, string replace, string property)
    {
        var w = Examples.Parse(Mutants.Apply(Examples.Text(file), find, replace), file);
        var verdicts = AssertSameVerdicts(w);
        verdicts[property].ShouldBe(Verdict.Fails);
    }

    [Fact]
    public void RandomWorkflows_SameVerdictsAsSpin()
    {
        int fails = 0, holds = 0;
        Parallel.For(1, 21, new ParallelOptions { MaxDegreeOfParallelism = 2 }, seed =>
        {
            var w = Examples.Parse(RandomWorkflows.Generate(seed), $"random-{seed}.wf");
            foreach (var v in AssertSameVerdicts(w).Values)
            {
                if (v == Verdict.Fails) Interlocked.Increment(ref fails);
                else Interlocked.Increment(ref holds);
            }
        });

        // The generator must produce both outcomes, or the comparison proves little.
        fails.ShouldBeGreaterThan(5);
        holds.ShouldBeGreaterThan(5);
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
