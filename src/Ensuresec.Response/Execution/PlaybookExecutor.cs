using Ensuresec.Response.Cacao;
using Ensuresec.Response.Connectors;

namespace Ensuresec.Response.Execution;

/// <summary>
/// Runs a CACAO playbook: follows the workflow from workflow_start, sends each action's commands to the connector
/// of their type, and records every result. Branches of a parallel step run one after another in the listed
/// order (results stay in a readable order; the connectors here are quick). Every run ends: step, loop, nesting
/// and time budgets turn a runaway playbook into a failed run with the reason.
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
        _connectors = connectors.ToDictionary(c => c.CommandType, StringComparer.Ordinal);
        _limits = limits;
        _time = time;
        _playbooks = playbooks ?? (_ => null);
    }

    /// <param name="inputs">Values for variables by name (e.g. __source_ip__), overriding the playbook's defaults.</param>
    public async Task<RunResult> RunAsync(CacaoPlaybook playbook, IReadOnlyDictionary<string, string>? inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var run = new Run(playbook, _time);
        foreach (var (name, v) in playbook.Variables) run.Variables[name] = v.Value;
        if (inputs is not null)
        {
            foreach (var (name, value) in inputs) run.Variables[name] = value;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_limits.MaxDuration);
        string? error;
        try
        {
            error = await Chain(run, playbook, playbook.WorkflowStart, 0, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"run stopped after {_limits.MaxDuration.TotalSeconds:0.#} s (response.limits.max-duration)";
        }

        if (error is not null && playbook.WorkflowException is { } exception && playbook.Steps.ContainsKey(exception) && run.StepsTaken < _limits.MaxSteps)
        {
            // CACAO: the exception workflow runs when the main one fails; its own failure is recorded, the first error kept.
            try
            {
                await Chain(run, playbook, exception, 0, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the first error explains the run
            }
        }

        return new RunResult(playbook.Id, playbook.Name, error is null, error, run.Results, run.Variables);
    }

    /// <summary>Runs steps from <paramref name="stepId"/> until an end step; returns null on success or why it failed.</summary>
    private async Task<string?> Chain(Run run, CacaoPlaybook playbook, string? stepId, int nesting, CancellationToken ct)
    {
        if (nesting > _limits.MaxNesting) return $"sub-workflows nested deeper than {_limits.MaxNesting}";
        while (stepId is not null)
        {
            ct.ThrowIfCancellationRequested();
            if (++run.StepsTaken > _limits.MaxSteps) return $"more than {_limits.MaxSteps} steps taken: the workflow does not end (last step {stepId})";
            if (!playbook.Steps.TryGetValue(stepId, out var step)) return $"step {stepId} does not exist";
            switch (step.Type)
            {
                case "start":
                    stepId = step.OnCompletion ?? step.OnSuccess;
                    break;
                case "end":
                    return null;
                case "action":
                    bool ok = await Action(run, playbook, step, ct).ConfigureAwait(false);
                    stepId = ok ? step.OnSuccess ?? step.OnCompletion : step.OnFailure;
                    if (!ok && stepId is null) return $"step {step.Id} ({step.Name}) failed";
                    break;
                case "if-condition":
                {
                    var (value, error) = Conditions.Evaluate(step.Condition ?? "", run.Variables);
                    if (error is not null) return Record(run, step, StepStatus.Failed, error);
                    Record(run, step, StepStatus.Succeeded, $"condition is {(value ? "true" : "false")}");
                    string? branch = value ? step.OnTrue : step.OnFalse;
                    if (step.OnCompletion is null)
                    {
                        stepId = branch;
                        break;
                    }

                    if (await Chain(run, playbook, branch, nesting + 1, ct).ConfigureAwait(false) is { } failed) return failed;
                    stepId = step.OnCompletion;
                    break;
                }

                case "while-condition":
                {
                    int iterations = 0;
                    while (true)
                    {
                        var (value, error) = Conditions.Evaluate(step.Condition ?? "", run.Variables);
                        if (error is not null) return Record(run, step, StepStatus.Failed, error);
                        if (!value) break;
                        if (++iterations > _limits.MaxLoopIterations)
                            return Record(run, step, StepStatus.Failed, $"while-condition still true after {_limits.MaxLoopIterations} iterations: stopped");
                        if (await Chain(run, playbook, step.OnTrue, nesting + 1, ct).ConfigureAwait(false) is { } failed) return failed;
                    }

                    Record(run, step, StepStatus.Succeeded, $"loop ran {iterations} time(s)");
                    stepId = step.OnFalse ?? step.OnCompletion;
                    break;
                }

                case "switch-condition":
                {
                    string value = Variables.Substitute(step.Switch ?? "", run.Variables);
                    if (!step.Cases.TryGetValue(value, out string? target) && !step.Cases.TryGetValue("default", out target))
                        return Record(run, step, StepStatus.Failed, $"no case for '{value}' and no default");
                    Record(run, step, StepStatus.Succeeded, $"case '{value}'");
                    if (step.OnCompletion is null)
                    {
                        stepId = target;
                        break;
                    }

                    if (await Chain(run, playbook, target, nesting + 1, ct).ConfigureAwait(false) is { } failed) return failed;
                    stepId = step.OnCompletion;
                    break;
                }

                case "parallel":
                    foreach (string next in step.NextSteps)
                    {
                        if (await Chain(run, playbook, next, nesting + 1, ct).ConfigureAwait(false) is { } failed)
                        {
                            if (step.OnFailure is null) return failed;
                            stepId = step.OnFailure;
                            goto continueChain;
                        }
                    }

                    stepId = step.OnCompletion ?? step.OnSuccess;
                    continueChain:
                    break;
                case "playbook-action":
                {
                    var inner = step.PlaybookId is null ? null : _playbooks(step.PlaybookId);
                    if (inner is null || nesting + 1 > _limits.MaxNesting)
                    {
                        string why = inner is null ? $"playbook {step.PlaybookId} is not in the library" : "playbooks nested too deep";
                        if (step.OnFailure is null) return Record(run, step, StepStatus.Failed, why);
                        Record(run, step, StepStatus.Failed, why);
                        stepId = step.OnFailure;
                        break;
                    }

                    string? innerError = await Chain(run, inner, inner.WorkflowStart, nesting + 1, ct).ConfigureAwait(false);
                    Record(run, step, innerError is null ? StepStatus.Succeeded : StepStatus.Failed, innerError ?? $"playbook {inner.Name} completed");
                    stepId = innerError is null ? step.OnSuccess ?? step.OnCompletion : step.OnFailure;
                    if (innerError is not null && stepId is null) return innerError;
                    break;
                }

                default:
                    return Record(run, step, StepStatus.Failed, $"unknown step type '{step.Type}'");
            }
        }

        return null;
    }

    private async Task<bool> Action(Run run, CacaoPlaybook playbook, CacaoStep step, CancellationToken ct)
    {
        var agent = step.Agent is not null && playbook.Agents.TryGetValue(step.Agent, out var a) ? a : null;
        var targets = step.Targets.Select(t => playbook.Targets.TryGetValue(t, out var d) ? d : playbook.Agents.GetValueOrDefault(t)).OfType<AgentDefinition>().ToList();
        var scope = new Dictionary<string, string>(run.Variables, StringComparer.Ordinal);
        foreach (var (name, v) in step.Variables) scope.TryAdd(name, v.Value);
        var timeout = step.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : _limits.CommandTimeout;
        foreach (var command in step.Commands)
        {
            if (!_connectors.TryGetValue(command.Type, out var connector))
            {
                Record(run, step, StepStatus.Failed, $"no connector for command type '{command.Type}' (configure its connector in response.json)", command.Type);
                return false;
            }

            var resolved = command with
            {
                Command = command.Command is null ? null : Variables.Substitute(command.Command, scope, Escaping.ForCommand(command.Type)),
                Content = command.Content is null ? null : Variables.Substitute(command.Content, scope, Escaping.ForContent(command.Content)),
            };
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            CommandOutcome outcome;
            try
            {
                outcome = await connector.ExecuteAsync(new CommandRequest(resolved, agent, targets), limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                outcome = CommandOutcome.Fail($"no result within {timeout.TotalSeconds:0.#} s");
            }

            Record(run, step, outcome.Manual ? StepStatus.Manual : outcome.Succeeded ? StepStatus.Succeeded : StepStatus.Failed, outcome.Detail, command.Type);
            if (outcome.Output is not null && step.OutArgs.Count > 0) run.Variables[step.OutArgs[0]] = outcome.Output;
            if (!outcome.Succeeded) return false;
        }

        return true;
    }

    private static string Record(Run run, CacaoStep step, StepStatus status, string detail, string? kind = null)
    {
        run.Results.Add(new StepResult(step.Id, step.Name ?? step.Id, kind ?? step.Type, status, detail, run.Time.GetUtcNow()));
        return detail;
    }

    private sealed class Run(CacaoPlaybook playbook, TimeProvider time)
    {
        public CacaoPlaybook Playbook { get; } = playbook;
        public TimeProvider Time { get; } = time;
        public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
        public List<StepResult> Results { get; } = [];
        public int StepsTaken { get; set; }
    }
}
