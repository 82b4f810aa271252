using Ensuresec.JsonSchema;

namespace Ensuresec.Response.Cacao;

/// <summary>
/// The checks a schema cannot make: every step pointer names a step, agents and targets are defined, each step has
/// what its type needs, the workflow has no loop that would never end, every step can be reached, and e-mail
/// addresses are addresses.
/// </summary>
public static class WorkflowCheck
{
    private static readonly HashSet<string> StepTypes = new(StringComparer.Ordinal)
    {
        "start", "end", "action", "playbook-action", "parallel", "if-condition", "while-condition", "switch-condition",
    };

    public static IReadOnlyList<PlaybookProblem> Check(CacaoPlaybook playbook, string source)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var problems = new List<PlaybookProblem>();
        void Error(string path, string message) => problems.Add(new PlaybookProblem(ProblemLevel.Error, source, path, message));
        void Warn(string path, string message) => problems.Add(new PlaybookProblem(ProblemLevel.Warning, source, path, message));

        if (!playbook.Steps.TryGetValue(playbook.WorkflowStart, out var start)) Error("workflow_start", $"step {playbook.WorkflowStart} does not exist");
        else if (start.Type != "start") Warn("workflow_start", $"step {start.Id} is a '{start.Type}' step, CACAO expects a 'start' step");
        if (playbook.WorkflowException is { } exception && !playbook.Steps.ContainsKey(exception))
            Warn("workflow_exception", $"step {exception} does not exist");

        foreach (var step in playbook.Steps.Values)
        {
            string path = "workflow." + step.Id;
            foreach (var (property, target) in step.Successors())
            {
                if (!playbook.Steps.ContainsKey(target)) Error($"{path}.{property}", $"step {target} does not exist");
            }

            if (!StepTypes.Contains(step.Type)) Error(path + ".type", $"unknown step type '{step.Type}'");
            if (step.OnCompletion is not null && (step.OnSuccess is not null || step.OnFailure is not null))
                Error(path, "on_completion and on_success/on_failure must not both be set");
            CheckType(step, path, playbook, Error, Warn);
        }

        foreach (var (id, agent) in playbook.Agents.Concat(playbook.Targets))
        {
            foreach (string email in agent.Emails.Where(e => !Formats.IsValid("email", e)))
                Error($"{(playbook.Agents.ContainsKey(id) ? "agent_definitions" : "target_definitions")}.{id}.contact.email", $"invalid email '{email}'");
        }

        if (FindLoop(playbook) is { } loop)
            Error($"workflow.{loop[0]}", $"loop detected: {string.Join(" -> ", loop)}: the workflow would never end (only a while-condition may repeat steps)");
        foreach (string id in Unreachable(playbook))
            Warn($"workflow.{id}", $"step {id} is unreachable from workflow_start");
        return problems;
    }

    private static void CheckType(CacaoStep step, string path, CacaoPlaybook playbook, Action<string, string> error, Action<string, string> warn)
    {
        switch (step.Type)
        {
            case "action":
                if (step.Commands.Count == 0) error(path + ".commands", "an action step needs at least one command");
                if (step.Agent is not null && !playbook.Agents.ContainsKey(step.Agent)) error(path + ".agent", $"agent {step.Agent} is not in agent_definitions");
                foreach (string t in step.Targets.Where(t => !playbook.Targets.ContainsKey(t) && !playbook.Agents.ContainsKey(t)))
                    warn(path + ".targets", $"target {t} is not in target_definitions"); // the OASIS locky-bart example has one

                break;
            case "end":
                if (step.Successors().Any()) warn(path, "an end step leads nowhere; its step pointers are ignored");
                break;
            case "if-condition" or "while-condition":
                if (string.IsNullOrWhiteSpace(step.Condition)) error(path + ".condition", "required for " + step.Type);
                if (step.OnTrue is null) error(path + ".on_true", "required for " + step.Type);
                break;
            case "switch-condition":
                if (string.IsNullOrWhiteSpace(step.Switch)) error(path + ".switch", "required for switch-condition");
                if (step.Cases.Count == 0) error(path + ".cases", "required for switch-condition");
                break;
            case "parallel":
                if (step.NextSteps.Count == 0) error(path + ".next_steps", "a parallel step needs next_steps");
                else if (step.NextSteps.Count == 1) warn(path + ".next_steps", "a parallel step with one branch: CACAO requires at least two");
                else SharedBranchSteps(step, path, playbook, warn);
                break;
            case "playbook-action":
                if (step.PlaybookId is null) error(path + ".playbook_id", "required for playbook-action");
                break;
        }
    }

    /// <summary>A cycle of step ids (first repeated at the end) that passes through no while-condition, or null.</summary>
    internal static List<string>? FindLoop(CacaoPlaybook playbook)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        foreach (string root in playbook.Steps.Keys.Order(StringComparer.Ordinal))
        {
            if (state.ContainsKey(root)) continue;

            // Iterative depth-first search: a hostile playbook with a very long chain must not overflow the stack.
            var stack = new Stack<(string Id, IEnumerator<string> Next)>();
            stack.Push((root, Next(playbook, root).GetEnumerator()));
            state[root] = 1;
            path.Add(root);
            while (stack.Count > 0)
            {
                var (id, next) = stack.Peek();
                if (next.MoveNext())
                {
                    string to = next.Current;
                    if (!state.TryGetValue(to, out int s))
                    {
                        state[to] = 1;
                        path.Add(to);
                        stack.Push((to, Next(playbook, to).GetEnumerator()));
                    }
                    else if (s == 1)
                    {
                        var cycle = path.Skip(path.IndexOf(to)).Append(to).ToList();
                        if (!cycle.Any(c => playbook.Steps[c].Type == "while-condition")) return cycle;
                    }
                }
                else
                {
                    next.Dispose();
                    stack.Pop();
                    state[id] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Next(CacaoPlaybook playbook, string id) =>
        playbook.Steps.TryGetValue(id, out var step)
            ? step.Successors().Select(s => s.Target).Where(playbook.Steps.ContainsKey).Distinct(StringComparer.Ordinal)
            : [];

    /// <summary>
    /// CACAO: each branch of a parallel step ends at its own end step. Branches that reach the same step would run
    /// it once per branch, at the same time: that is almost always a wrong pointer, so it is named.
    /// </summary>
    private static void SharedBranchSteps(CacaoStep step, string path, CacaoPlaybook playbook, Action<string, string> warn)
    {
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int b = 0; b < step.NextSteps.Count; b++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>();
            if (playbook.Steps.ContainsKey(step.NextSteps[b]) && seen.Add(step.NextSteps[b])) queue.Enqueue(step.NextSteps[b]);
            while (queue.Count > 0)
            {
                string id = queue.Dequeue();
                if (owner.TryGetValue(id, out int other) && other != b)
                {
                    warn($"{path}.next_steps[{b}]", $"branches {other + 1} and {b + 1} both reach step {id}: it would run once per branch, concurrently (each branch needs its own end step)");
                    return;
                }

                owner[id] = b;
                foreach (string next in Next(playbook, id))
                {
                    if (seen.Add(next)) queue.Enqueue(next);
                }
            }
        }
    }

    private static IEnumerable<string> Unreachable(CacaoPlaybook playbook)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (string root in new[] { playbook.WorkflowStart, playbook.WorkflowException }.OfType<string>().Where(playbook.Steps.ContainsKey))
        {
            if (seen.Add(root)) queue.Enqueue(root);
        }

        while (queue.Count > 0)
        {
            foreach (string next in Next(playbook, queue.Dequeue()))
            {
                if (seen.Add(next)) queue.Enqueue(next);
            }
        }

        return playbook.Steps.Keys.Where(k => !seen.Contains(k)).Order(StringComparer.Ordinal);
    }
}
