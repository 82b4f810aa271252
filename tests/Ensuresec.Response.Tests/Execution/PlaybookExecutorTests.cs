using Ensuresec.Response.Connectors;
using Ensuresec.Response.Execution;

namespace Ensuresec.Response.Tests.Execution;

public sealed class PlaybookExecutorTests
{
    private static PlaybookExecutor Executor(params ICommandConnector[] extra) =>
        new([new ManualConnector(), .. extra], ExecutionLimits.Default with { MaxDuration = TimeSpan.FromSeconds(20) }, TimeProvider.System);

    [Fact]
    public async Task Run_StartActionEnd_RecordsEachCommandAndSucceeds()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("start--1",
            ("start--1", "{\"type\":\"start\",\"on_completion\":\"action--1\"}"),
            ("action--1", TestPlaybooks.Action("end--1", "manual", "call the courier about __parcel__:value")),
            ("end--1", "{\"type\":\"end\"}")));
        var result = await Executor().RunAsync(pb, new Dictionary<string, string> { ["__parcel__"] = "P-17" }, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        var step = result.Steps.ShouldHaveSingleItem();
        step.Status.ShouldBe(StepStatus.Manual);
        step.Detail.ShouldContain("call the courier about P-17");
    }

    [Fact]
    public async Task Run_EndlessLoopWithoutWhile_StopsAtStepBudgetWithClearError()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("action--1",
            ("action--1", TestPlaybooks.Action("action--2", "manual", "a")),
            ("action--2", TestPlaybooks.Action("action--1", "manual", "b"))));
        var result = await Executor().RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeFalse();
        result.Error!.ShouldContain("does not end");
    }

    [Fact]
    public async Task Run_WhileConditionAlwaysTrue_StopsAfterIterationLimit()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("while--1",
            ("while--1", "{\"type\":\"while-condition\",\"condition\":\"1 == 1\",\"on_true\":\"action--1\",\"on_completion\":\"end--1\"}"),
            ("action--1", TestPlaybooks.Action("end--2", "manual", "again")),
            ("end--1", "{\"type\":\"end\"}"),
            ("end--2", "{\"type\":\"end\"}")));
        var result = await Executor().RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeFalse();
        result.Error!.ShouldContain("after 100 iterations");
    }

    [Fact]
    public async Task Run_IfCondition_FollowsTheBranchTheVariableSelects()
    {
        string json = TestPlaybooks.Json("if--1",
            ("if--1", "{\"type\":\"if-condition\",\"condition\":\"__kind__:value == 'cold'\",\"on_true\":\"action--t\",\"on_false\":\"action--f\"}"),
            ("action--t", TestPlaybooks.Action("end--1", "manual", "quarantine")),
            ("action--f", TestPlaybooks.Action("end--1", "manual", "release")),
            ("end--1", "{\"type\":\"end\"}"));
        var pb = TestPlaybooks.Load(json);
        var cold = await Executor().RunAsync(pb, new Dictionary<string, string> { ["__kind__"] = "cold" }, CancellationToken.None);
        cold.Steps.Last().Detail.ShouldContain("quarantine");
        var warm = await Executor().RunAsync(pb, new Dictionary<string, string> { ["__kind__"] = "warm" }, CancellationToken.None);
        warm.Steps.Last().Detail.ShouldContain("release");
    }

    [Fact]
    public async Task Run_UnknownCommandType_FailsTheStepAndNamesTheType()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("action--1",
            ("action--1", TestPlaybooks.Action("end--1", "kestrel", "x")),
            ("end--1", "{\"type\":\"end\"}")));
        var result = await Executor().RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeFalse();
        result.Steps.ShouldHaveSingleItem().Detail.ShouldContain("no connector for command type 'kestrel'");
    }

    [Fact]
    public async Task Run_OnFailure_RoutesToTheFailureBranch()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("action--1",
            ("action--1", "{\"type\":\"action\",\"agent\":\"individual--00000000-0000-4000-8000-000000000003\",\"on_success\":\"end--1\",\"on_failure\":\"action--2\",\"commands\":[{\"type\":\"kestrel\",\"command\":\"x\"}]}"),
            ("action--2", TestPlaybooks.Action("end--1", "manual", "escalate")),
            ("end--1", "{\"type\":\"end\"}")));
        var result = await Executor().RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeTrue();
        result.Steps.Select(s => s.Status).ShouldBe([StepStatus.Failed, StepStatus.Manual]);
    }

    [Fact]
    public async Task Run_ShellCommand_QuotesAttackerControlledVariables()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("action--1",
            ("action--1", TestPlaybooks.Action("end--1", "bash", "printf %s __user__:value", outArg: "__out__")),
            ("end--1", "{\"type\":\"end\"}")));
        string hostile = "x'; echo pwned; '";
        var result = await Executor(new CommandLineConnector(TimeSpan.FromSeconds(10))).RunAsync(pb, new Dictionary<string, string> { ["__user__"] = hostile }, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        result.Variables["__out__"].ShouldBe(hostile);
    }

    [Fact]
    public async Task Run_ShellCommandThatHangs_IsKilledAtTheStepTimeout()
    {
        var pb = TestPlaybooks.Load(TestPlaybooks.Json("action--1",
            ("action--1", "{\"type\":\"action\",\"agent\":\"individual--00000000-0000-4000-8000-000000000003\",\"timeout\":300,\"on_completion\":\"end--1\",\"commands\":[{\"type\":\"bash\",\"command\":\"sleep 30\"}]}"),
            ("end--1", "{\"type\":\"end\"}")));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await Executor(new CommandLineConnector(TimeSpan.FromSeconds(60))).RunAsync(pb, null, CancellationToken.None);
        result.Succeeded.ShouldBeFalse();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
