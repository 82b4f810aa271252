using System.CommandLine;
using Ensuresec.Cli.Commands;
using Ensuresec.Workflows.Tests.Support;

namespace Ensuresec.Workflows.Tests.Cli;

/// <summary>`ensuresec check` end to end: exit codes 0 / 1 / 2, the counterexample on stdout, --json, --promela.</summary>
[Collection("console")]
public sealed class CheckCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { CheckCommand.Create() };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var parsed = root.Parse(["check", .. args]);
            int exit = parsed.Errors.Count > 0 ? 2 : parsed.Invoke();
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    private static string Temp(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.wf");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Check_CorrectExample_Exit0()
    {
        var (exit, output, _) = Run(Path.Combine(Examples.Dir, "order-to-cash.wf"));

        exit.ShouldBe(0);
        output.ShouldContain("holds   delivered_or_refunded (liveness, weak fairness)");
        output.ShouldContain("explored 323 states");
    }

    [Fact]
    public void Check_FailingProperty_Exit1WithCounterexample()
    {
        string path = Temp(Mutants.Apply(Examples.Text("order-to-cash.wf"), "ship: packed -> shipped when Payment@captured;", "ship: packed -> shipped;"));

        var (exit, output, _) = Run(path);

        exit.ShouldBe(1);
        output.ShouldContain("FAILS   ship_after_capture");
        output.ShouldContain("counterexample for ship_after_capture (4 steps to the violation):");
        output.ShouldContain("Fulfilment.ship");
    }

    [Fact]
    public void Check_Json_ParsesAndNamesVerdicts()
    {
        var (exit, output, _) = Run(Path.Combine(Examples.Dir, "order-to-cash.wf"), "--json");

        exit.ShouldBe(0);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        doc.RootElement.GetProperty("result").GetString().ShouldBe("holds");
        doc.RootElement.GetProperty("states").GetInt32().ShouldBe(323);
    }

    [Fact]
    public void Check_SyntaxError_Exit2WithLineAndColumn()
    {
        string path = Temp("workflow w;\nprocess P { states a b; }\n");

        var (exit, _, err) = Run(path);

        exit.ShouldBe(2);
        err.ShouldContain($"{path}:2:22: expected ';'");
    }

    [Fact]
    public void Check_BoundReached_Exit2Reported()
    {
        var (exit, output, err) = Run(Path.Combine(Examples.Dir, "order-to-cash.wf"), "--max-states", "10");

        exit.ShouldBe(2);
        output.ShouldContain("INCOMPLETE: state bound of 10 reached");
        err.ShouldContain("raise --max-states");
    }

    [Theory]
    [InlineData("--max-states", "0")]
    [InlineData("--time-limit", "-1")]
    public void Check_BadOption_Exit2(string option, string value)
    {
        Run(Path.Combine(Examples.Dir, "order-to-cash.wf"), option, value).Exit.ShouldBe(2);
    }

    [Fact]
    public void Check_Promela_WritesModelForSpin()
    {
        string pml = Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.pml");
        try
        {
            Run(Path.Combine(Examples.Dir, "order-to-cash.wf"), "--promela", pml).Exit.ShouldBe(0);

            string text = File.ReadAllText(pml);
            text.ShouldContain("active proctype p_Payment()");
            text.ShouldContain("ltl prop_four_eyes");
        }
        finally
        {
            File.Delete(pml);
        }
    }

    [Fact]
    public void Check_MissingFile_Exit2()
    {
        var (exit, _, err) = Run("/nonexistent/order.wf");

        exit.ShouldBe(2);
        err.ShouldContain("file not found");
    }
}
