using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Monitoring;

/// <summary>
/// Runtime verification of the workflows' properties on live events. Each workflow's monitor section maps event
/// actions to model transitions; one instance per key (e.g. order.id) follows the observed state. Steps are
/// applied as observed, guards and source states are not enforced: the events say what happened, the
/// properties judge it. ES-WF-001: no continuation of the trace can satisfy a property (e.g. shipped before
/// capture, refund above capture, approver = requester). ES-WF-002: a key went quiet for the idle timeout and
/// its trace, continued as it stands, violates a liveness property (e.g. captured, never delivered nor refunded).
/// </summary>
internal sealed class WorkflowMonitorDetector : IDetector
{
    public const string DetectorName = "workflow-monitor";
    public const string ViolationRule = "ES-WF-001";
    public const string StalledRule = "ES-WF-002";
    private const string Technique = "T1657";
    private const int MaxExplanation = 2000;

    private readonly MonitorSet _set;
    private readonly WorkflowMonitorOptions _o;
    private readonly Dictionary<DetectorKey, MonitorInstance> _instances = [];
    private DateTimeOffset _lastScan = DateTimeOffset.MinValue;

    public WorkflowMonitorDetector(MonitorSet set, WorkflowMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key}: {e.Message}")), nameof(options));
        if (set.Workflows.Count > byte.MaxValue) throw new ArgumentException("at most 255 monitored workflows", nameof(set));
        _set = set;
        _o = options;
    }

    public string Name => DetectorName;

    /// <summary>Keys followed on this partition.</summary>
    public int Keys => _instances.Count;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (string.IsNullOrEmpty(e.Action)) return;
        for (int i = 0; i < _set.Workflows.Count; i++)
        {
            var monitor = _set.Workflows[i].Monitor;
            if (!monitor.Rules.Any(r => r.Action == e.Action)) continue;
            if (EventFields.ReadText(e, monitor.KeyField) is { Length: > 0 and <= 512 } key) keys.Add(new DetectorKey((byte)i, key));
        }
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        var m = _set.Workflows[key.Slot];
        var w = m.Workflow;
        var steps = new List<(MonitorStepInfo Step, object?[] Params)>();
        bool matched = false;
        foreach (var rule in m.Monitor.Rules)
        {
            if (rule.Action != e.Action || !rule.Conditions.All(c => (EventFields.ReadText(e, c.Field) == c.Value) == c.Equal)) continue;
            matched = true;
            foreach (var step in rule.Steps)
            {
                var t = m.Workflow.Processes[step.Process].Transitions[step.Transition];
                var values = step.ParamFields.Select((f, i) => EventFields.ReadAs(e, f, t.Params[i].Type.Kind)).ToArray();
                if (values.Any(v => v is null)) return; // a field the step needs is missing: the event cannot be placed in the model
                steps.Add((step, values));
            }
        }

        if (!matched) return;
        if (!_instances.TryGetValue(key, out var instance))
        {
            instance = new MonitorInstance(m, e.Timestamp);
            _instances[key] = instance;
            if (_instances.Count > _o.MaxKeys) EvictIdlest(findings);
        }

        instance.LastSeen = e.Timestamp > instance.LastSeen ? e.Timestamp : instance.LastSeen;
        instance.Events++;
        if (!string.IsNullOrEmpty(e.UserName)) instance.Users.Add(e.UserName);
        var labels = new List<string>();
        foreach (var (step, values) in steps)
        {
            labels.Add(Apply(w, instance, step, values));
            for (int i = 0; i < m.Properties.Count; i++)
            {
                var states = instance.PropertyStates[i];
                if (states is null) continue;
                var pm = m.Properties[i];
                states = pm.Step(states, pm.Evaluate(instance.Slots));
                instance.PropertyStates[i] = states;
                if (states.Length > 0) continue;
                instance.PropertyStates[i] = null;
                Record(instance, e, labels);
                findings.Emit(MakeFinding(ViolationRule, Severity.High, 0.9, key, w, pm.Property, instance, e.Timestamp,
                    $"violated at {e.Action} {e.Id}"));
                labels = [];
            }
        }

        if (labels.Count > 0 || steps.Count == 0) Record(instance, e, labels);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        // Idle timeouts are days long: looking once an hour of event time is enough, and keeps Advance cheap
        // with many keys (it is called every minute of event time).
        var interval = _o.IdleTimeout < TimeSpan.FromHours(1) ? _o.IdleTimeout : TimeSpan.FromHours(1);
        if (now - _lastScan < interval) return;
        _lastScan = now;
        List<DetectorKey>? idle = null;
        foreach (var (k, instance) in _instances)
        {
            if (now - instance.LastSeen >= _o.IdleTimeout) (idle ??= []).Add(k);
        }

        idle?.ForEach(k => Close(k, now, findings));
    }

    // Over the bound: judge and drop the longest-idle hundredth at once, so a full table is not scanned per new key.
    private void EvictIdlest(IFindingSink findings)
    {
        int count = Math.Max(1, _o.MaxKeys / 100);
        foreach (var key in _instances.OrderBy(kv => kv.Value.LastSeen).Take(count).Select(kv => kv.Key).ToList())
        {
            Close(key, _instances[key].LastSeen, findings);
        }
    }

    // Judge a finished key: its trace continued by the last state forever.
    private void Close(DetectorKey key, DateTimeOffset now, IFindingSink findings)
    {
        var instance = _instances[key];
        _instances.Remove(key);
        var m = _set.Workflows[key.Slot];
        for (int i = 0; i < m.Properties.Count; i++)
        {
            var states = instance.PropertyStates[i];
            if (states is null) continue;
            var pm = m.Properties[i];
            if (pm.AcceptsStutter(states, pm.Evaluate(instance.Slots))) continue;
            findings.Emit(MakeFinding(StalledRule, Severity.Medium, 0.7, key, m.Workflow, pm.Property, instance, now,
                $"not met after {Math.Round((now - instance.LastSeen).TotalDays, 1).ToString(CultureInfo.InvariantCulture)} days without events"));
        }
    }

    private void Record(MonitorInstance instance, SecurityEvent e, List<string> labels)
    {
        if (instance.Trace.Count < _o.MaxTraceSteps) instance.Trace.Add(new TraceEntry(e.Id, e.Timestamp, e.Action ?? "", [.. labels]));
    }

    private static string Apply(Workflow w, MonitorInstance instance, MonitorStepInfo step, object?[] values)
    {
        var process = w.Processes[step.Process];
        var t = process.Transitions[step.Transition];
        // All right-hand sides read the state before the step, as in the model checker.
        var results = t.Assignments.Select(a => RuntimeEvaluator.Evaluate(a.Value, instance.Slots, values)).ToArray();
        for (int i = 0; i < t.Assignments.Count; i++) instance.Slots[t.Assignments[i].Slot] = results[i];
        bool inOrder = instance.Slots[step.Process] is int from && t.Sources.Contains(from);
        instance.Slots[step.Process] = t.Target;
        var sb = new StringBuilder().Append(process.Name).Append('.').Append(t.Name);
        if (t.Params.Count > 0) sb.Append('(').AppendJoin(", ", t.Params.Select((p, i) => $"{p.Name}={Show(values[i])}")).Append(')');
        if (!inOrder) sb.Append(" [out of order]");
        return sb.ToString();
    }

    private static Finding MakeFinding(string rule, Severity severity, double confidence, DetectorKey key, Workflow w, PropertyInfo p, MonitorInstance instance, DateTimeOffset at, string when)
    {
        string monitorKey = w.Monitor!.KeyField;
        var state = string.Join(" ", Enumerable.Range(0, w.SlotCount).Select(s => $"{w.SlotName(s)}={ShowSlot(w, s, instance.Slots[s])}"));
        string trace = string.Join("; ", instance.Trace.Select(t => t.Steps.Count == 0 ? $"{t.Action} {t.EventId}" : $"{t.Action} {t.EventId} -> {string.Join(", ", t.Steps)}"));
        string explanation = $"{monitorKey} {key.Value}: workflow {w.Name} property {p.Name} ({p.Text}) {when}; trace: {trace}{(instance.Events > instance.Trace.Count ? $" (+{instance.Events - instance.Trace.Count} events)" : "")}; state: {state}";
        if (explanation.Length > MaxExplanation) explanation = explanation[..(MaxExplanation - 3)] + "...";
        var entities = new List<Entity> { new(monitorKey, key.Value) };
        entities.AddRange(instance.Users.Order(StringComparer.Ordinal).Take(10).Select(Entity.User));
        string firstId = instance.Trace.Count > 0 ? instance.Trace[0].EventId : "";
        string idText = string.Join('\n', DetectorName, rule, w.Name, p.Name, key.Value, firstId);
        return new Finding
        {
            Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idText))),
            Detector = DetectorName,
            RuleId = rule,
            Severity = severity,
            Confidence = confidence,
            Technique = Technique,
            Explanation = explanation,
            FirstSeen = instance.FirstSeen,
            DetectedAt = at,
            Entities = entities,
            EvidenceEventIds = [.. instance.Trace.Select(t => t.EventId).Distinct(StringComparer.Ordinal).Take(20)],
            EvidenceCount = instance.Events,
        };
    }

    private static string ShowSlot(Workflow w, int slot, object? value) =>
        slot < w.Processes.Count && value is int s ? w.FormatSlot(slot, s) : Show(value);

    private static string Show(object? value) => value switch
    {
        null => "?",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        var other => other.ToString() ?? "?",
    };
}
