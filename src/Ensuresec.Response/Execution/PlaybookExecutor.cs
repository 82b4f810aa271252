using Ensuresec.Response.Cacao;
using Ensuresec.Response.Connectors;

namespace Ensuresec.Response.Execution;

/// <summary>
/// Runs a CACAO playbook: follows the workflow from workflow_start, sends each action's commands to the connector
/// of their type, and records every result.
/// <list type="bullet">
/// <item>The branches of a parallel step run concurrently; the step's next pointer is followed once every branch has
/// reached its end step (CACAO: implementations MUST wait for all of them). A failed branch fails the parallel step
/// (its on_failure). At most <see cref="ExecutionLimits.MaxParallelCommands"/> commands of a run are in flight.</item>
/// <item>The on_true/on_false/case branches of if, while and switch steps are sub-workflows that end at an end step;
/// the run then returns to the condition step and follows its on_completion/on_success, or on_failure if the branch
/// failed.</item>
/// <item>A step waits its 'delay' before it starts, and fails with ACTION_TIMEOUT after its 'timeout'.</item>
/// </list>
/// The history stays ordered and complete: a branch records into its own list, and the lists are appended in the
/// order the branches are listed when the parallel step joins (also when the run is cancelled). Every run ends:
/// step, loop, nesting and time budgets turn a runaway playbook into a failed run with the reason.
/// </summary>
public sealed class PlaybookExecutor
{
    private readonly Dictionary<string, ICommandConnector> _connectors;
    private readonly ExecutionLimits _limits;
    private readonly TimeProvider _time;
    private readonly Func<string, CacaoPlaybook?> _playbooks;

    /// <param name="playbooks">Finds the playbook a playbook-action step names (null: unknown).</param>
    public PlaybookExecutor(IEnumerable<ICommandConnector> connectors, ExecutionLimits limits, TimeProvider time, Func<string, CacaoPlaybook?>? playbooks = null)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(limits);
        _connectors = connectors.ToDictionary(c => c.CommandType, StringComparer.Ordinal);
        _limits = limits;
        _time = time;
        _playbooks = playbooks ?? (_ => null);
    }

    /// <param name="inputs">Values for variables by name (e.g. __source_ip__), overriding the playbook's defaults.</param>
    public async Task<RunResult> RunAsync(CacaoPlaybook playbook, IReadOnlyDictionary<string, string>? inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        using var run = new Run(_time, _limits.MaxParallelCommands);
        foreach (var (name, v) in playbook.Variables) run.Set(name, v.Value);
        if (inputs is not null)
        {
            foreach (var (name, value) in inputs) run.Set(name, value);
        }

        var trace = new List<StepResult>();
        string? error = await Guarded(run, trace, playbook, playbook.WorkflowStart, cancellationToken).ConfigureAwait(false);
        if (error is not null && !cancellationToken.IsCancellationRequested && playbook.WorkflowException is { } exception
            && playbook.Steps.ContainsKey(exception) && run.StepsTaken < _limits.MaxSteps)
        {
            // CACAO: the exception workflow runs when the main one fails; its own failure is recorded, the first error kept.
            await Guarded(run, trace, playbook, exception, cancellationToken).ConfigureAwait(false);
        }

        return new RunResult(playbook.Id, playbook.Name, error is null, error, trace, run.Snapshot());
    }

    /// <summary>A top-level chain under the run's time budget; cancellation and the budget become an error, not an exception.</summary>
    private async Task<string?> Guarded(Run run, List<StepResult> trace, CacaoPlaybook playbook, string start, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_limits.MaxDuration);
        try
        {
            return await Chain(run, trace, playbook, start, 0, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "run cancelled before it finished";
        }
        catch (OperationCanceledException)
        {
            return $"run stopped after {_limits.MaxDuration.TotalSeconds:0.#} s (response.limits.max_duration_seconds)";
        }
    }

    /// <summary>Runs steps from <paramref name="stepId"/> until an end step; returns null on success or why it failed.</summary>
    private async Task<string?> Chain(Run run, List<StepResult> trace, CacaoPlaybook playbook, string? stepId, int nesting, CancellationToken ct)
    {
        if (nesting > _limits.MaxNesting) return $"sub-workflows nested deeper than {_limits.MaxNesting}";
        while (stepId is not null)
        {
            ct.ThrowIfCancellationRequested();
            if (run.TakeStep() > _limits.MaxSteps) return $"more than {_limits.MaxSteps} steps taken: the workflow does not end (last step {stepId})";
            if (!playbook.Steps.TryGetValue(stepId, out var step)) return $"step {stepId} does not exist";
            if (step.Type == "end") return null;
            if (step.DelayMs is { } delay) await Task.Delay(TimeSpan.FromMilliseconds(delay), _time, ct).ConfigureAwait(false);
            string? failed = await Timed(run, trace, playbook, step, nesting, ct).ConfigureAwait(false);
            if (step.Type == "start")
            {
                stepId = step.OnCompletion ?? step.OnSuccess;
            }
            else if (failed is null)
            {
                stepId = step.OnSuccess ?? step.OnCompletion;
            }
            else
            {
                if (step.OnFailure is null) return failed;
                stepId = step.OnFailure;
            }
        }

        return null;
    }

    /// <summary>One step under its CACAO 'timeout': when it expires the step fails with ACTION_TIMEOUT (and its on_failure runs).</summary>
    private async Task<string?> Timed(Run run, List<StepResult> trace, CacaoPlaybook playbook, CacaoStep step, int nesting, CancellationToken ct)
    {
        if (step.TimeoutMs is not { } ms) return await Step(run, trace, playbook, step, nesting, ct).ConfigureAwait(false);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMilliseconds(ms));
        try
        {
            return await Step(run, trace, playbook, step, nesting, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Record(run, trace, step, StepStatus.Failed, $"ACTION_TIMEOUT: step {step.Id} did not complete within {ms} ms");
        }
    }

    /// <summary>Carries out one step; returns null when it succeeded, else why it failed.</summary>
    private async Task<string?> Step(Run run, List<StepResult> trace, CacaoPlaybook playbook, CacaoStep step, int nesting, CancellationToken ct)
    {
        switch (step.Type)
        {
            case "start":
                return null;
            case "action":
                return await Action(run, trace, playbook, step, ct).ConfigureAwait(false);
            case "if-condition":
            {
                var (value, error) = Conditions.Evaluate(step.Condition ?? "", run.Snapshot());
                if (error is not null) return Record(run, trace, step, StepStatus.Failed, error);
                Record(run, trace, step, StepStatus.Succeeded, $"condition is {(value ? "true" : "false")}");
                return await Chain(run, trace, playbook, value ? step.OnTrue : step.OnFalse, nesting + 1, ct).ConfigureAwait(false);
            }

            case "while-condition":
            {
                int iterations = 0;
                while (true)
                {
                    var (value, error) = Conditions.Evaluate(step.Condition ?? "", run.Snapshot());
                    if (error is not null) return Record(run, trace, step, StepStatus.Failed, error);
                    if (!value) break;
                    if (++iterations > _limits.MaxLoopIterations)
                        return Record(run, trace, step, StepStatus.Failed, $"while-condition still true after {_limits.MaxLoopIterations} iterations: stopped (response.limits.max_loop_iterations)");
                    if (await Chain(run, trace, playbook, step.OnTrue, nesting + 1, ct).ConfigureAwait(false) is { } failed) return failed;
                }

                Record(run, trace, step, StepStatus.Succeeded, $"loop ran {iterations} time(s)");
                // on_false is not CACAO 2.0 for while, but older playbooks use it as the loop's exit.
                return step.OnFalse is null ? null : await Chain(run, trace, playbook, step.OnFalse, nesting + 1, ct).ConfigureAwait(false);
            }

            case "switch-condition":
            {
                string value = Variables.Substitute(step.Switch ?? "", run.Snapshot());
                if (!step.Cases.TryGetValue(value, out string? target) && !step.Cases.TryGetValue("default", out target))
                    return Record(run, trace, step, StepStatus.Failed, $"no case for '{value}' and no default");
                Record(run, trace, step, StepStatus.Succeeded, $"case '{value}'");
                return await Chain(run, trace, playbook, target, nesting + 1, ct).ConfigureAwait(false);
            }

            case "parallel":
                return await Parallel(run, trace, playbook, step, nesting, ct).ConfigureAwait(false);
            case "playbook-action":
            {
                var inner = step.PlaybookId is null ? null : _playbooks(step.PlaybookId);
                if (inner is null) return Record(run, trace, step, StepStatus.Failed, $"playbook {step.PlaybookId} is not in the library");
                foreach (var (name, v) in inner.Variables) run.SetIfAbsent(name, v.Value);
                string? innerError = await Chain(run, trace, inner, inner.WorkflowStart, nesting + 1, ct).ConfigureAwait(false);
                Record(run, trace, step, innerError is null ? StepStatus.Succeeded : StepStatus.Failed, innerError ?? $"playbook {inner.Name} completed");
                return innerError;
            }

            default:
                return Record(run, trace, step, StepStatus.Failed, $"unknown step type '{step.Type}'");
        }
    }

    /// <summary>
    /// Starts every branch at once, waits for all of them (also when one fails: CACAO leaves rollback to the
    /// playbook), then appends their records in the listed order.
    /// </summary>
    private async Task<string?> Parallel(Run run, List<StepResult> trace, CacaoPlaybook playbook, CacaoStep step, int nesting, CancellationToken ct)
    {
        Record(run, trace, step, StepStatus.Succeeded, $"{step.NextSteps.Count} branches started");
        var traces = step.NextSteps.Select(_ => new List<StepResult>()).ToArray();
        var branches = step.NextSteps
            .Select((next, i) => Task.Run(() => Chain(run, traces[i], playbook, next, nesting + 1, ct), CancellationToken.None))
            .ToArray();
        string?[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(branches).ConfigureAwait(false);
        }
        finally
        {
            // A cancelled run still keeps what every branch did.
            foreach (var branch in traces) trace.AddRange(branch);
        }

        var failures = outcomes.Select((error, i) => (error, i)).Where(f => f.error is not null).ToList();
        if (failures.Count == 0)
        {
            Record(run, trace, step, StepStatus.Succeeded, $"all {branches.Length} branches finished");
            return null;
        }

        string why = string.Join("; ", failures.Select(f => $"branch {f.i + 1} ({step.NextSteps[f.i]}): {f.error}"));
        return Record(run, trace, step, StepStatus.Failed, $"{failures.Count} of {branches.Length} branches failed: {why}");
    }

    private async Task<string?> Action(Run run, List<StepResult> trace, CacaoPlaybook playbook, CacaoStep step, CancellationToken ct)
    {
        var agent = step.Agent is not null && playbook.Agents.TryGetValue(step.Agent, out var a) ? a : null;
        var targets = step.Targets.Select(t => playbook.Targets.TryGetValue(t, out var d) ? d : playbook.Agents.GetValueOrDefault(t)).OfType<AgentDefinition>().ToList();
        var scope = run.Snapshot();
        foreach (var (name, v) in step.Variables) scope.TryAdd(name, v.Value);
        foreach (var command in step.Commands)
        {
            if (!_connectors.TryGetValue(command.Type, out var connector))
                return Record(run, trace, step, StepStatus.Failed, $"no connector for command type '{command.Type}' (configure its connector in response.json)", command.Type);

            var resolved = command with
            {
                Command = command.Command is null ? null : Variables.Substitute(command.Command, scope, Escaping.ForCommand(command.Type)),
                Content = command.Content is null ? null : Variables.Substitute(command.Content, scope, Escaping.ForContent(command.Content)),
            };
            var outcome = await Command(run, connector, new CommandRequest(resolved, agent, targets), step.TimeoutMs is null, ct).ConfigureAwait(false);
            Record(run, trace, step, outcome.Manual ? StepStatus.Manual : outcome.Succeeded ? StepStatus.Succeeded : StepStatus.Failed, outcome.Detail, command.Type);
            if (outcome.Output is not null && step.OutArgs.Count > 0)
            {
                run.Set(step.OutArgs[0], outcome.Output);
                scope[step.OutArgs[0]] = outcome.Output;
            }

            if (!outcome.Succeeded) return $"step {step.Id} ({step.Name ?? step.Type}) failed: {outcome.Detail}";
        }

        return null;
    }

    /// <summary>One command in one of the run's command slots; without a step timeout, the default command timeout applies.</summary>
    private async Task<CommandOutcome> Command(Run run, ICommandConnector connector, CommandRequest request, bool defaultTimeout, CancellationToken ct)
    {
        await run.Slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!defaultTimeout) return await connector.ExecuteAsync(request, ct).ConfigureAwait(false);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(_limits.CommandTimeout);
            try
            {
                return await connector.ExecuteAsync(request, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return CommandOutcome.Fail($"no result within {_limits.CommandTimeout.TotalSeconds:0.#} s (response.limits.command_timeout_seconds)");
            }
        }
        finally
        {
            run.Slots.Release();
        }
    }

    private static string Record(Run run, List<StepResult> trace, CacaoStep step, StepStatus status, string detail, string? kind = null)
    {
        trace.Add(new StepResult(step.Id, step.Name ?? step.Id, kind ?? step.Type, status, detail, run.Time.GetUtcNow()));
        return detail;
    }

    /// <summary>State shared by every branch of a run: the variables (locked), the step count, the command slots.</summary>
    private sealed class Run(TimeProvider time, int slots) : IDisposable
    {
        private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();
        private int _steps;

        public TimeProvider Time { get; } = time;
        public SemaphoreSlim Slots { get; } = new(slots, slots);
        public int StepsTaken => Volatile.Read(ref _steps);

        public int TakeStep() => Interlocked.Increment(ref _steps);

        public void Set(string name, string value)
        {
            lock (_gate) _variables[name] = value;
        }

        public void SetIfAbsent(string name, string value)
        {
            lock (_gate) _variables.TryAdd(name, value);
        }

        public Dictionary<string, string> Snapshot()
        {
            lock (_gate) return new Dictionary<string, string>(_variables, StringComparer.Ordinal);
        }

        public void Dispose() => Slots.Dispose();
    }
}
