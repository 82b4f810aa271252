using System.Collections.Concurrent;
using Ensuresec.Response.Cacao;
using Ensuresec.Response.Connectors;
using Ensuresec.Response.Execution;
using Ensuresec.Tests.Support;

namespace Ensuresec.Response.Tests.Execution;

/// <summary>The OASIS examples and SOARCA's parallel playbook, run end to end through recording connectors.</summary>
public sealed class SharedPlaybookRunTests
{
    private sealed class Recorder(string type, ConcurrentQueue<string> log) : ICommandConnector
    {
        public string CommandType => type;

        public Task<CommandOutcome> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            log.Enqueue($"{type}: {request.Command.Command}");
            return Task.FromResult(CommandOutcome.Ok("recorded"));
        }
    }

    private static async Task<(RunResult Result, string[] Log)> Run(string relative)
    {
        var load = PlaybookValidator.ValidateFile(SharedData.PathOf("cacao/" + relative), schemas: null);
        load.Playbook.ShouldNotBeNull();
        var log = new ConcurrentQueue<string>();
        var executor = new PlaybookExecutor(load.Playbook.Steps.Values.SelectMany(s => s.Commands).Select(c => c.Type).Distinct().Select(t => (ICommandConnector)new Recorder(t, log)), ExecutionLimits.Default, TimeProvider.System);
        var result = await executor.RunAsync(load.Playbook, null, CancellationToken.None);
        return (result, log.ToArray());
    }

    [Theory]
    [InlineData("oasis-tcs-cacao/Examples/CACAO-2.0/basic-example-1.json", 1)]
    [InlineData("oasis-tcs-cacao/Examples/CACAO-2.0/spec-3.1-example.json", 1)]
    [InlineData("oasis-tcs-cacao/Examples/CACAO-2.0/locky-bart-mbc-examples.json", 9)]
    public async Task OasisExamples_RunEveryActionInWorkflowOrder(string relative, int actions)
    {
        var (result, log) = await Run(relative);
        result.Succeeded.ShouldBeTrue(result.Error);
        result.Steps.Count(s => s.StepId.StartsWith("action--", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(actions);
        log.Length.ShouldBe(result.Steps.Count);
        if (relative.Contains("locky", StringComparison.Ordinal))
        {
            // The workflow is a chain from start: the recorded order must follow the on_completion pointers.
            var pb = PlaybookReader.Read(File.ReadAllText(SharedData.PathOf("cacao/" + relative)), relative).Playbook!;
            var expected = new List<string>();
            for (string? id = pb.Steps[pb.WorkflowStart].OnCompletion; id is not null && pb.Steps[id].Type == "action"; id = pb.Steps[id].OnCompletion)
                expected.Add(id);
            result.Steps.Select(s => s.StepId).Distinct().ShouldBe(expected);
        }
    }

    [Fact]
    public async Task SoarcaParallelPlaybook_RunsItsBranches_AndJoins()
    {
        var (result, log) = await Run("soarca/test/playbooks/parallels_playbook.json");
        result.Succeeded.ShouldBeTrue(result.Error);
        log.ShouldBe(["http-api: GET http://__bia_address__/analysisreport/__cve__"]);
        result.Steps.Select(s => (s.StepId, s.Detail)).ShouldBe([
            ("parallel--a76dbc32-b739-427b-ae13-4ec703d5797e", "2 branches started"),
            ("action--9fcc5c3b-0b70-4d73-b922-cf5491dcd1a4", "recorded"),
            ("parallel--a76dbc32-b739-427b-ae13-4ec703d5797e", "all 2 branches finished"),
        ]);
    }
}
