using Ensuresec.Response.Cacao;
using Ensuresec.Response.Connectors;
using Ensuresec.Response.Execution;

namespace Ensuresec.Response.Tests.Execution;

/// <summary>
/// Parallel, if, while and switch semantics of CACAO 2.0, with timing shown by events and barriers (a branch that
/// cannot proceed until its sibling also runs), never by wall-clock measurements.
/// </summary>
public sealed class ConcurrentExecutionTests
{
    private static string P(string command, string next) => TestPlaybooks.Action(next, Probe.Type, command);

    private static string Parallel(string next, params string[] branches) =>
        "{\"type\":\"parallel\",\"next_steps\":[" + string.Join(",", branches.Select(b => $"\"{b}\"")) + "],\"on_completion\":\"" + next + "\"}";

    private static string ParallelWithFailure(string success, string failure, params string[] branches) =>
        "{\"type\":\"parallel\",\"next_steps\":[" + string.Join(",", branches.Select(b => $"\"{b}\"")) + "],\"on_success\":\"" + success + "\",\"on_failure\":\"" + failure + "\"}";

    private const string End = "{\"type\":\"end\"}";

    private static PlaybookExecutor Executor(Probe probe, ExecutionLimits? limits = null) =>
        new([probe, new ManualConnector()], limits ?? ExecutionLimits.Default with { MaxDuration = TimeSpan.FromSeconds(60) }, TimeProvider.System);

    [Fact]
    public async Task ParallelBranches_RunAtTheSameTime_EachWaitsForTheOthersAtABarrier()
    {
        // Each branch's command returns only when all three have arrived: run one after another, the first would give up.
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("parallel--1",
            ("parallel--1", Parallel("action--after", "action--a", "action--b", "action--c")),
            ("action--a", P("arrive all 3", "end--a")), ("action--b", P("arrive all 3", "end--b")), ("action--c", P("arrive all 3", "end--c")),
            ("action--after", P("log after", "end--1")),
            ("end--a", End), ("end--b", End), ("end--c", End), ("end--1", End)));
        var probe = new Probe();
        var result = await Executor(probe).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        probe.MaxInFlight.ShouldBe(3);
        probe.Log.ShouldBe(["after"]);
    }

    [Fact]
    public async Task ParallelBranches_NeverExceedTheCommandBound()
    {
        string[] branches = ["action--a", "action--b", "action--c", "action--d"];
        var steps = new List<(string, string)> { ("parallel--1", Parallel("end--1", branches)), ("end--1", End) };
        steps.AddRange(branches.Select(b => (b, P("arrive pairs 2", "end--" + b))));
        steps.AddRange(branches.Select(b => ("end--" + b, End)));
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("parallel--1", [.. steps]));
        var probe = new Probe();
        var result = await Executor(probe, ExecutionLimits.Default with { MaxParallelCommands = 2 }).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        probe.MaxInFlight.ShouldBe(2);
    }

    [Fact]
    public async Task BoundOfOneCommand_CannotMeetAtABarrier_TheStepTimesOutAndItsOnFailureRuns()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("parallel--1",
            ("parallel--1", "{\"type\":\"parallel\",\"timeout\":500,\"next_steps\":[\"action--a\",\"action--b\"],\"on_success\":\"end--1\",\"on_failure\":\"action--rollback\"}"),
            ("action--a", P("arrive both 2", "end--a")), ("action--b", P("arrive both 2", "end--b")),
            ("action--rollback", P("log rollback", "end--1")),
            ("end--a", End), ("end--b", End), ("end--1", End)));
        var probe = new Probe();
        var result = await Executor(probe, ExecutionLimits.Default with { MaxParallelCommands = 1 }).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        result.Steps.ShouldContain(s => s.StepId == "parallel--1" && s.Status == StepStatus.Failed && s.Detail.StartsWith("ACTION_TIMEOUT", StringComparison.Ordinal));
        probe.Log.ShouldBe(["rollback"]);
    }

    [Fact]
    public async Task StepAfterParallel_WaitsForTheSlowestBranch()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("parallel--1",
            ("parallel--1", Parallel("action--after", "action--slow", "action--quick")),
            ("action--slow", P("wait go", "action--slow-done")), ("action--slow-done", P("log slow", "end--s")),
            ("action--quick", P("log quick", "end--q")),
            ("action--after", P("log after", "end--1")),
            ("end--s", End), ("end--q", End), ("end--1", End)));
        var probe = new Probe();
        var run = Executor(probe).RunAsync(pb, null, CancellationToken.None);
        await probe.Reached("logged:quick");
        await probe.Reached("go:waiting");
        // The quick branch is done and the slow one is parked: nothing may go past the join yet.
        await Task.Delay(200);
        probe.Log.ShouldNotContain("after");
        probe.Event("go").SetResult();
        var result = await run;
        result.Succeeded.ShouldBeTrue(result.Error);
        probe.Log.ShouldBe(["quick", "slow", "after"]);
    }

    [Fact]
    public async Task FailedBranch_TakesOnFailure_AfterEveryBranchFinished_HistoryInBranchOrder()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("parallel--1",
            ("parallel--1", ParallelWithFailure("action--after", "action--rollback", "action--a", "action--b", "action--c")),
            // a finishes only after c has run; b fails at once: the history still lists a, b, c in that order.
            ("action--a", P("wait c-done", "action--a2")), ("action--a2", P("log a", "end--a")),
            ("action--b", TestPlaybooks.Action("end--b", "kestrel", "nope")),
            ("action--c", P("log c", "action--c2")), ("action--c2", P("set c-done", "end--c")),
            ("action--after", P("log after", "end--1")),
            ("action--rollback", P("log rollback", "end--1")),
            ("end--a", End), ("end--b", End), ("end--c", End), ("end--1", End)));
        var probe = new Probe();
        var result = await Executor(probe).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        probe.Log.ShouldBe(["c", "a", "rollback"]);
        result.Steps.Select(s => s.StepId).ShouldBe(["parallel--1", "action--a", "action--a2", "action--b", "action--c", "action--c2", "parallel--1", "action--rollback"]);
        var joined = result.Steps[6];
        joined.Status.ShouldBe(StepStatus.Failed);
        joined.Detail.ShouldContain("1 of 3 branches failed: branch 2 (action--b)");
    }

    [Fact]
    public async Task FailedBranch_WithoutOnFailure_FailsTheRun_AndRunsTheExceptionWorkflow()
    {
        string json = TestPlaybooks.Json("parallel--1",
            ("parallel--1", Parallel("end--1", "action--a", "action--b")),
            ("action--a", P("log a", "end--a")),
            ("action--b", TestPlaybooks.Action("end--b", "kestrel", "nope")),
            ("action--exc", P("log exception", "end--1")),
            ("end--a", End), ("end--b", End), ("end--1", End)).Replace("\"workflow\":{", "\"workflow_exception\":\"action--exc\",\"workflow\":{", StringComparison.Ordinal);
        var probe = new Probe();
        var result = await Executor(probe).RunAsync(TestPlaybooks.Load(json), null, CancellationToken.None);
        result.Succeeded.ShouldBeFalse();
        result.Error!.ShouldContain("branch 2 (action--b)");
        probe.Log.ShouldBe(["a", "exception"]);
    }

    [Fact]
    public async Task NestedParallel_UnderABoundOfTwo_DoesNotDeadlock()
    {
        // The outer branches wait for their inner branches; they hold no command slot while they wait.
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("parallel--1",
            ("parallel--1", Parallel("end--1", "parallel--x", "parallel--y")),
            ("parallel--x", Parallel("end--x", "action--x1", "action--x2")),
            ("parallel--y", Parallel("end--y", "action--y1", "action--y2")),
            ("action--x1", P("arrive q 2", "end--x1")), ("action--x2", P("arrive q 2", "end--x2")),
            ("action--y1", P("arrive q 2", "end--y1")), ("action--y2", P("arrive q 2", "end--y2")),
            ("end--x", End), ("end--y", End), ("end--x1", End), ("end--x2", End), ("end--y1", End), ("end--y2", End), ("end--1", End)));
        var probe = new Probe();
        var result = await Executor(probe, ExecutionLimits.Default with { MaxParallelCommands = 2 }).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        probe.MaxInFlight.ShouldBe(2);
    }

    [Fact]
    public async Task Cancelling_ARunWithAParkedBranch_EndsIt_AndKeepsWhatTheOtherBranchDid()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("parallel--1",
            ("parallel--1", Parallel("end--1", "action--a", "action--b")),
            ("action--a", P("wait never", "end--a")),
            ("action--b", P("log b", "end--b")),
            ("end--a", End), ("end--b", End), ("end--1", End)));
        var probe = new Probe(TimeSpan.FromMinutes(5));
        using var cts = new CancellationTokenSource();
        var run = Executor(probe).RunAsync(pb, null, cts.Token);
        await probe.Reached("logged:b");
        await probe.Reached("never:waiting");
        await cts.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldBe("run cancelled before it finished");
        result.Steps.ShouldContain(s => s.StepId == "action--b" && s.Status == StepStatus.Succeeded);
    }

    [Fact]
    public async Task Delay_IsWaitedBeforeTheStep_ARunBudgetShorterThanTheDelayStopsIt()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("action--1",
            ("action--1", "{\"type\":\"action\",\"delay\":600000,\"agent\":\"individual--00000000-0000-4000-8000-000000000003\",\"on_completion\":\"end--1\",\"commands\":[{\"type\":\"x-probe\",\"command\":\"log late\"}]}"),
            ("end--1", End)));
        var probe = new Probe();
        var result = await Executor(probe, ExecutionLimits.Default with { MaxDuration = TimeSpan.FromMilliseconds(300) }).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeFalse();
        result.Error!.ShouldContain("run stopped after");
        probe.Log.ShouldBeEmpty();

        var shortDelay = TestPlaybooks.Load(TestPlaybooks.Json("action--1",
            ("action--1", "{\"type\":\"action\",\"delay\":5,\"agent\":\"individual--00000000-0000-4000-8000-000000000003\",\"on_completion\":\"end--1\",\"commands\":[{\"type\":\"x-probe\",\"command\":\"log soon\"}]}"),
            ("end--1", End)));
        (await Executor(probe).RunAsync(shortDelay, null, CancellationToken.None)).Succeeded.ShouldBeTrue();
        probe.Log.ShouldBe(["soon"]);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"100\"")]
    [InlineData("99999999999")]
    public void BadDelayOrTimeout_IsAnErrorNamingTheField(string value)
    {
        string json = TestPlaybooks.Json("action--1",
            ("action--1", "{\"type\":\"action\",\"delay\":" + value + ",\"agent\":\"individual--00000000-0000-4000-8000-000000000003\",\"on_completion\":\"end--1\",\"commands\":[{\"type\":\"manual\",\"command\":\"x\"}]}"),
            ("end--1", End));
        var load = PlaybookReader.Read(json, "bad.json");
        load.Problems.ShouldContain(p => p.Level == ProblemLevel.Error && p.Path == "workflow.action--1.delay");
    }

    [Fact]
    public async Task IfCondition_BranchReturnsToTheStepsOnCompletion_FalseWithoutOnFalseGoesStraightThere()
    {
        string json = TestPlaybooks.Json("if--1",
            ("if--1", "{\"type\":\"if-condition\",\"condition\":\"__kind__:value == 'cold'\",\"on_true\":\"action--t\",\"on_completion\":\"action--after\"}"),
            ("action--t", P("log quarantine", "end--t")),
            ("action--after", P("log after", "end--1")),
            ("end--t", End), ("end--1", End));
        var pb = TestPlaybooks.Load(json);
        var probe = new Probe();
        (await Executor(probe).RunAsync(pb, new Dictionary<string, string> { ["__kind__"] = "cold" }, CancellationToken.None)).Succeeded.ShouldBeTrue();
        probe.Log.ShouldBe(["quarantine", "after"]);
        var probe2 = new Probe();
        (await Executor(probe2).RunAsync(pb, new Dictionary<string, string> { ["__kind__"] = "warm" }, CancellationToken.None)).Succeeded.ShouldBeTrue();
        probe2.Log.ShouldBe(["after"]);
    }

    [Fact]
    public async Task IfCondition_FailedBranch_TakesTheIfStepsOnFailure()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("if--1",
            ("if--1", "{\"type\":\"if-condition\",\"condition\":\"true\",\"on_true\":\"action--t\",\"on_success\":\"action--ok\",\"on_failure\":\"action--bad\"}"),
            ("action--t", TestPlaybooks.Action("end--t", "kestrel", "x")),
            ("action--ok", P("log ok", "end--1")), ("action--bad", P("log bad", "end--1")),
            ("end--t", End), ("end--1", End)));
        var probe = new Probe();
        (await Executor(probe).RunAsync(pb, null, CancellationToken.None)).Succeeded.ShouldBeTrue();
        probe.Log.ShouldBe(["bad"]);
    }

    [Fact]
    public async Task WhileCondition_RepeatsItsBodyUntilFalse_ThenFollowsOnCompletion()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("while--1",
            ("while--1", "{\"type\":\"while-condition\",\"condition\":\"__n__:value < 3\",\"on_true\":\"action--body\",\"on_completion\":\"action--after\"}"),
            ("action--body", TestPlaybooks.Action("end--b", Probe.Type, "count tries", outArg: "__n__")),
            ("action--after", P("log after", "end--1")),
            ("end--b", End), ("end--1", End)).Replace("\"workflow\":{", "\"playbook_variables\":{\"__n__\":{\"type\":\"integer\",\"value\":\"0\"}},\"workflow\":{", StringComparison.Ordinal));
        var probe = new Probe();
        var result = await Executor(probe).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        result.Variables["__n__"].ShouldBe("3");
        result.Steps.Count(s => s.StepId == "action--body").ShouldBe(3);
        result.Steps.Single(s => s.StepId == "while--1").Detail.ShouldBe("loop ran 3 time(s)");
        probe.Log.ShouldBe(["after"]);
    }

    [Fact]
    public async Task WhileThatNeverEnds_IsStoppedByTheStepBudget_WhenThatIsSmaller()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("while--1",
            ("while--1", "{\"type\":\"while-condition\",\"condition\":\"true\",\"on_true\":\"action--body\",\"on_completion\":\"end--1\"}"),
            ("action--body", P("log again", "end--b")),
            ("end--b", End), ("end--1", End)));
        var result = await Executor(new Probe(), ExecutionLimits.Default with { MaxSteps = 50, MaxLoopIterations = 10_000 }).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeFalse();
        result.Error!.ShouldContain("more than 50 steps taken: the workflow does not end");
    }

    [Fact]
    public async Task SwitchCondition_RunsTheMatchingCase_ThenReturns()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("switch--1",
            ("switch--1", "{\"type\":\"switch-condition\",\"switch\":\"__kind__:value\",\"cases\":{\"atm\":\"action--atm\",\"default\":\"action--other\"},\"on_completion\":\"action--after\"}"),
            ("action--atm", P("log atm", "end--a")), ("action--other", P("log other", "end--o")),
            ("action--after", P("log after", "end--1")),
            ("end--a", End), ("end--o", End), ("end--1", End)));
        var probe = new Probe();
        (await Executor(probe).RunAsync(pb, new Dictionary<string, string> { ["__kind__"] = "atm" }, CancellationToken.None)).Succeeded.ShouldBeTrue();
        (await Executor(probe).RunAsync(pb, new Dictionary<string, string> { ["__kind__"] = "van" }, CancellationToken.None)).Succeeded.ShouldBeTrue();
        probe.Log.ShouldBe(["atm", "after", "other", "after"]);
    }

    [Fact]
    public void Validator_WarnsWhenTwoBranchesShareASteps_AndAboutASingleBranch()
    {
        string shared = TestPlaybooks.Json("start--1",
            ("start--1", "{\"type\":\"start\",\"on_completion\":\"parallel--1\"}"),
            ("parallel--1", Parallel("end--1", "action--a", "action--b")),
            ("action--a", P("log a", "action--common")), ("action--b", P("log b", "action--common")),
            ("action--common", P("log twice", "end--c")),
            ("end--c", End), ("end--1", End));
        var load = PlaybookValidator.Validate(shared, "shared.json", schemas: null);
        load.Problems.ShouldContain(p => p.Level == ProblemLevel.Warning && p.Path == "workflow.parallel--1.next_steps[1]"
            && p.Message.Contains("branches 1 and 2 both reach step action--common", StringComparison.Ordinal));

        string single = TestPlaybooks.Json("start--1",
            ("start--1", "{\"type\":\"start\",\"on_completion\":\"parallel--1\"}"),
            ("parallel--1", Parallel("end--1", "action--a")),
            ("action--a", P("log a", "end--a")), ("end--a", End), ("end--1", End));
        PlaybookValidator.Validate(single, "single.json", schemas: null).Problems
            .ShouldContain(p => p.Level == ProblemLevel.Warning && p.Message.Contains("at least two", StringComparison.Ordinal));
    }

    [Fact]
    public void ShippedParallelPlaybooks_HaveSeparateBranches()
    {
        foreach (string name in new[] { "disable-atm", "suspend-courier" })
        {
            var load = Ensuresec.Response.Library.PlaybookLibrary.Default.Playbooks[name];
            load.Playbook!.Steps.Values.ShouldContain(s => s.Type == "parallel", name);
            load.Problems.ShouldBeEmpty(name);
        }
    }
}
