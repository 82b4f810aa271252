using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Monitoring;

/// <summary>What the monitor knows of one key (one order): the observed model state, each property's automaton states, and the trace.</summary>
internal sealed class MonitorInstance
{
    public MonitorInstance(MonitoredWorkflow m, DateTimeOffset at)
    {
        var w = m.Workflow;
        Slots = new object?[w.SlotCount];
        for (int p = 0; p < w.Processes.Count; p++) Slots[p] = w.Processes[p].Initial;
        foreach (var v in w.Variables)
        {
            Slots[v.Slot] = v.Type.Kind switch
            {
                ValueKind.Bool => v.Initial != 0,
                ValueKind.Enum => v.Type.Format(v.Initial),
                _ => (decimal)v.Initial,
            };
        }

        PropertyStates = new int[]?[m.Properties.Count];
        for (int i = 0; i < m.Properties.Count; i++) PropertyStates[i] = m.Properties[i].Start(m.Properties[i].Evaluate(Slots));
        FirstSeen = LastSeen = at;
    }

    public object?[] Slots { get; }

    /// <summary>Automaton states per property; null once the property was reported for this key.</summary>
    public int[]?[] PropertyStates { get; }

    public List<TraceEntry> Trace { get; } = [];

    /// <summary>Events seen in all (the trace keeps only the first ones).</summary>
    public int Events { get; set; }

    public DateTimeOffset FirstSeen { get; }

    public DateTimeOffset LastSeen { get; set; }

    public HashSet<string> Users { get; } = new(StringComparer.Ordinal);
}

/// <summary>One event of a trace and the model steps it drove (e.g. "Refund.approve(s=bob)").</summary>
internal sealed record TraceEntry(string EventId, DateTimeOffset At, string Action, IReadOnlyList<string> Steps);
