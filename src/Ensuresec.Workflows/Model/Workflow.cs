namespace Ensuresec.Workflows.Model;

/// <summary>A checked workflow: processes with states and guarded transitions over shared variables, its properties and its monitor.</summary>
internal sealed record Workflow(
    string Name,
    string File,
    IReadOnlyList<EnumInfo> Enums,
    IReadOnlyList<VariableInfo> Variables,
    IReadOnlyList<ProcessInfo> Processes,
    IReadOnlyList<PropertyInfo> Properties,
    MonitorInfo? Monitor)
{
    /// <summary>Length of the state vector: one slot per process, then one per variable.</summary>
    public int SlotCount => Processes.Count + Variables.Count;

    /// <summary>The name of a slot: the process or the variable.</summary>
    public string SlotName(int slot) => slot < Processes.Count ? Processes[slot].Name : Variables[slot - Processes.Count].Name;

    /// <summary>A slot's value as it reads in traces.</summary>
    public string FormatSlot(int slot, int value) =>
        slot < Processes.Count
            ? (value >= 0 && value < Processes[slot].States.Count ? Processes[slot].States[value] : "?")
            : Variables[slot - Processes.Count].Type.Format(value);

    /// <summary>The initial state vector.</summary>
    public int[] InitialState()
    {
        var s = new int[SlotCount];
        for (int p = 0; p < Processes.Count; p++) s[p] = Processes[p].Initial;
        for (int v = 0; v < Variables.Count; v++) s[Processes.Count + v] = Variables[v].Initial;
        return s;
    }
}

internal sealed record VariableInfo(string Name, WfType Type, int Initial, int Slot);

internal sealed record ProcessInfo(string Name, int Index, IReadOnlyList<string> States, int Initial, IReadOnlyList<TransitionInfo> Transitions);

internal sealed record ParamInfo(string Name, WfType Type);

internal sealed record AssignmentInfo(int Slot, string Target, BoundExpr Value);

internal sealed record TransitionInfo(
    string Name, int Process, IReadOnlyList<ParamInfo> Params, IReadOnlyList<int> Sources, int Target,
    BoundExpr? Guard, IReadOnlyList<AssignmentInfo> Assignments);

/// <summary>A property; <see cref="Invariant"/> is set when it is [] p with p free of temporal operators (checked by BFS).</summary>
internal sealed record PropertyInfo(string Name, BoundExpr Formula, bool Fair, BoundExpr? Invariant, string Text);

internal sealed record MonitorInfo(string KeyField, IReadOnlyList<MonitorRuleInfo> Rules);

internal sealed record MonitorRuleInfo(string Action, IReadOnlyList<Language.FieldCondition> Conditions, IReadOnlyList<MonitorStepInfo> Steps);

/// <summary>One transition an event drives; <see cref="ParamFields"/>[i] is the event field bound to parameter i.</summary>
internal sealed record MonitorStepInfo(int Process, int Transition, IReadOnlyList<string> ParamFields);
