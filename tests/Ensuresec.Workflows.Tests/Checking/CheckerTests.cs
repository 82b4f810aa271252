using Ensuresec.Workflows.Checking;
using Ensuresec.Workflows.Model;
using Ensuresec.Workflows.Tests.Support;

namespace Ensuresec.Workflows.Tests.Checking;

public sealed class CheckerTests
{
    [Fact]
    public void Check_OrderToCash_AllHoldAndComplete()
    {
        var report = WorkflowChecker.Check(Examples.Load("order-to-cash.wf"), new CheckLimits());

        report.Complete.ShouldBeTrue();
        report.Properties.ShouldAllBe(p => p.Verdict == Verdict.Holds);
        report.States.ShouldBe(NaiveExplorer.Explore(Examples.Load("order-to-cash.wf")).Count);
    }

    [Fact]
    public void Check_RandomWorkflows_SameStatesAndShortestSafetyViolationsAsNaiveReference()
    {
        int violations = 0;
        for (int seed = 100; seed < 160; seed++)
        {
            var w = Examples.Parse(RandomWorkflows.Generate(seed), $"r{seed}.wf");
            var report = WorkflowChecker.Check(w, new CheckLimits());
            var naive = NaiveExplorer.Explore(w);
            report.States.ShouldBe(naive.Count, $"seed {seed}");
            foreach (var p in w.Properties.Where(p => p.Invariant is not null))
            {
                var result = report.Properties.Single(r => r.Name == p.Name);
                var bad = naive.Values.Where(v => NaiveExplorer.Eval(p.Invariant!, v.State, []) == 0).ToList();
                result.Verdict.ShouldBe(bad.Count == 0 ? Verdict.Holds : Verdict.Fails, $"seed {seed} {p.Name}");
                if (bad.Count == 0) continue;
                violations++;
                result.Counterexample!.Steps.Count.ShouldBe(bad.Min(b => b.Distance) + 1, $"seed {seed} {p.Name}: not the shortest");
                AssertReplays(w, result.Counterexample);
            }
        }

        violations.ShouldBeGreaterThan(5);
    }

    [Theory]
    [MemberData(nameof(Mutants.All), MemberType = typeof(Mutants))]
    public void Check_Mutant_CounterexampleReplaysAndEndsInViolation(string file, string find, string replace, string property)
    {
        var w = Examples.Parse(Mutants.Apply(Examples.Text(file), find, replace), file);

        var result = WorkflowChecker.Check(w, new CheckLimits()).Properties.Single(p => p.Name == property);

        result.Verdict.ShouldBe(Verdict.Fails);
        var trace = result.Counterexample!;
        trace.Steps[0].Action.ShouldBe("start");
        AssertReplays(w, trace);
        if (trace.CycleStart >= 0)
        {
            trace.CycleStart.ShouldBeGreaterThan(0);
            trace.Steps[^1].State.ShouldBe(trace.Steps[trace.CycleStart - 1].State, "the cycle returns to where it started");
        }
    }

    [Fact]
    public void Check_LivenessWithoutFairness_LassoLoopsOnSupportAlone()
    {
        var w = Examples.Parse(Mutants.Apply(Examples.Text("order-to-cash.wf"), "property delivered_or_refunded under fairness:", "property delivered_or_refunded:"));

        var trace = WorkflowChecker.Check(w, new CheckLimits()).Properties.Single(p => p.Name == "delivered_or_refunded").Counterexample!;

        trace.CycleStart.ShouldBeGreaterThan(0);
        trace.Steps.Skip(trace.CycleStart).ShouldAllBe(s => s.Action == "Support.ask");
        trace.Steps[trace.CycleStart - 1].State.ShouldContain(new KeyValuePair<string, string>("Payment", "captured"));
    }

    [Fact]
    public void Check_FairLassoGivesEveryEnabledProcessAStep()
    {
        // Under fairness the refund can still be refused forever if refusing is a loop: the lasso must be fair.
        string text = Examples.Text("order-to-cash.wf")
            .Replace("  pay(a: 1..MAX): approved -> paid", "  refuse: approved -> approved;\n  pay(a: 1..MAX): approved -> paid", StringComparison.Ordinal)
            .Replace("when a <= captured - refunded do", "when a <= captured - refunded && false do", StringComparison.Ordinal);
        var w = Examples.Parse(text);

        var result = WorkflowChecker.Check(w, new CheckLimits()).Properties.Single(p => p.Name == "delivered_or_refunded");

        result.Verdict.ShouldBe(Verdict.Fails);
        var cycle = result.Counterexample!.Steps.Skip(result.Counterexample.CycleStart).Select(s => s.Action).ToList();
        cycle.ShouldContain("Support.ask");
        cycle.ShouldContain("Refund.refuse");
    }

    [Fact]
    public void Check_StateBound_ReportedNotHung()
    {
        var report = WorkflowChecker.Check(Examples.Load("order-to-cash.wf"), new CheckLimits { MaxStates = 50 });

        report.Complete.ShouldBeFalse();
        report.StopReason.ShouldNotBeNull().ShouldContain("state bound of 50");
        report.Properties.ShouldAllBe(p => p.Verdict == Verdict.Unknown);
        CheckReportText.Format(report).ShouldContain("INCOMPLETE");
    }

    [Fact]
    public void Check_StateBound_ViolationFoundBeforeItStillFails()
    {
        var w = Examples.Parse(Mutants.Apply(Examples.Text("order-to-cash.wf"), "ship: packed -> shipped when Payment@captured;", "ship: packed -> shipped;"));

        var report = WorkflowChecker.Check(w, new CheckLimits { MaxStates = 100 });

        report.Properties.Single(p => p.Name == "ship_after_capture").Verdict.ShouldBe(Verdict.Fails);
    }

    [Fact]
    public void Check_TimeLimit_ReportedNotHung()
    {
        var report = WorkflowChecker.Check(BigModel(), new CheckLimits { TimeLimit = TimeSpan.FromSeconds(5), Time = new SteppingTime() });

        report.Complete.ShouldBeFalse();
        report.StopReason.ShouldNotBeNull().ShouldContain("time limit");
    }

    [Fact]
    public void Check_StateExplosion_StopsAtBound()
    {
        var report = WorkflowChecker.Check(BigModel(), new CheckLimits { MaxStates = 20_000 });

        report.Complete.ShouldBeFalse();
        report.States.ShouldBeLessThanOrEqualTo(20_000 + 20);
        report.Properties.Single().Verdict.ShouldBe(Verdict.Unknown);
    }

    [Fact]
    public void Check_Deadlock_StuttersForLiveness()
    {
        var w = Examples.Parse("workflow d;\nprocess P { states a, b; go: a -> b; }\nproperty ends: <> [] P@b;\nproperty never: [] <> P@a;\n");

        var report = WorkflowChecker.Check(w, new CheckLimits());

        report.Deadlocks.ShouldBe(1);
        report.Properties.Single(p => p.Name == "ends").Verdict.ShouldBe(Verdict.Holds);
        var never = report.Properties.Single(p => p.Name == "never");
        never.Verdict.ShouldBe(Verdict.Fails);
        never.Counterexample!.Steps[^1].Action.ShouldBe("stutter");
    }

    [Fact]
    public void Check_SimultaneousAssignment_ReadsOldState()
    {
        var w = Examples.Parse("workflow swap;\nvar x: 0..3 = 1;\nvar y: 0..3 = 2;\nprocess P { states a, b; go: a -> b do x := y, y := x; }\nproperty swapped: [] (P@b -> x == 2 && y == 1);\n");

        WorkflowChecker.Check(w, new CheckLimits()).Properties.Single().Verdict.ShouldBe(Verdict.Holds);
    }

    [Fact]
    public void Check_AssignmentOutOfRange_NotEnabled()
    {
        var w = Examples.Parse("workflow r;\nvar x: 0..2;\nprocess P { states a; inc: a -> a do x := x + 1; }\nproperty bounded: [] (x <= 2);\nproperty reaches: <> (x == 2);\n");

        var report = WorkflowChecker.Check(w, new CheckLimits());

        report.States.ShouldBe(3);
        report.Properties.ShouldAllBe(p => p.Verdict == Verdict.Holds);
    }

    [Fact]
    public void Report_Json_HasVerdictsAndCounterexample()
    {
        var w = Examples.Parse(Mutants.Apply(Examples.Text("order-to-cash.wf"), "ship: packed -> shipped when Payment@captured;", "ship: packed -> shipped;"));
        var report = WorkflowChecker.Check(w, new CheckLimits());
        using var stream = new MemoryStream();

        CheckReportJson.Write(stream, report);

        using var doc = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        doc.RootElement.GetProperty("result").GetString().ShouldBe("fails");
        var ship = doc.RootElement.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "ship_after_capture");
        ship.GetProperty("verdict").GetString().ShouldBe("fails");
        ship.GetProperty("counterexample").GetProperty("steps").GetArrayLength().ShouldBe(report.Properties.Single(p => p.Name == "ship_after_capture").Counterexample!.Steps.Count);
    }

    /// <summary>Each step's state is a successor of the one before (by the naive interpreter), or a stutter at a dead end.</summary>
    private static void AssertReplays(Workflow w, Trace trace)
    {
        var states = NaiveExplorer.Explore(w).Values.ToDictionary(v => NaiveExplorer.Format(w, v.State), v => v.State);
        string Text(TraceStep s) => string.Join(" ", s.State.Select(kv => $"{kv.Key}={kv.Value}"));
        Text(trace.Steps[0]).ShouldBe(NaiveExplorer.Format(w, w.InitialState()));
        for (int i = 1; i < trace.Steps.Count; i++)
        {
            var previous = states[Text(trace.Steps[i - 1])];
            var successors = NaiveExplorer.Successors(w, previous).Select(s => NaiveExplorer.Format(w, s)).ToList();
            if (trace.Steps[i].Action == "stutter")
            {
                successors.ShouldBeEmpty();
                Text(trace.Steps[i]).ShouldBe(Text(trace.Steps[i - 1]));
            }
            else
            {
                successors.ShouldContain(Text(trace.Steps[i]), $"step {i} ({trace.Steps[i].Action}) is not a move of the model");
            }
        }
    }

    /// <summary>10^12 states: twelve counters 0..9.</summary>
    private static Workflow BigModel()
    {
        string vars = string.Join("\n", Enumerable.Range(0, 12).Select(i => $"var v{i}: 0..9;"));
        string steps = string.Join(" ", Enumerable.Range(0, 12).Select(i => $"t{i}: s -> s when v{i} < 9 do v{i} := v{i} + 1;"));
        return Examples.Parse($"workflow big;\n{vars}\nprocess P {{ states s; {steps} }}\nproperty p: [] (v0 <= 9);\n");
    }

    /// <summary>A clock that moves a second every time it is read.</summary>
    private sealed class SteppingTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => _ticks += 1000;
    }
}
