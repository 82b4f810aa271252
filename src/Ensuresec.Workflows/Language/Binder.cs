using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Language;

/// <summary>
/// Semantic checks of a parsed workflow: names defined once and used only where defined, types that match,
/// ranges that hold, limits that keep the state space and the Promela export sane. Collects every error.
/// </summary>
internal sealed class Binder
{
    public const int MaxAbsValue = 1_000_000;
    public const int MaxProcesses = 64;
    public const int MaxStatesPerProcess = 255;
    public const int MaxVariables = 1024;
    public const int MaxInstancesPerTransition = 4096;

    private readonly List<(SourcePos Pos, string Message)> _errors = [];
    private readonly Dictionary<string, (SourcePos Pos, string Kind)> _globals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumInfo> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (EnumInfo Enum, int Index)> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _consts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariableInfo> _vars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProcessDecl> _processes = new(StringComparer.Ordinal);
    private readonly List<ProcessDecl> _processOrder = [];

    public static Workflow? Bind(WorkflowSyntax syntax, string file, out IReadOnlyList<(SourcePos Pos, string Message)> errors)
    {
        var b = new Binder();
        var workflow = b.Run(syntax, file);
        errors = [.. b._errors.OrderBy(e => e.Pos.Line).ThenBy(e => e.Pos.Column)];
        return errors.Count == 0 ? workflow : null;
    }

    private Workflow Run(WorkflowSyntax syntax, string file)
    {
        foreach (var e in syntax.Enums)
        {
            if (!Declare(e.Name, e.Pos, "enum")) continue;
            var members = new List<string>();
            foreach (var m in e.Members)
            {
                if (!Declare(m.Name, m.Pos, "enum member")) continue;
                members.Add(m.Name);
            }

            var info = new EnumInfo(e.Name, members);
            _enums[e.Name] = info;
            for (int i = 0; i < members.Count; i++) _members[members[i]] = (info, i);
        }

        foreach (var c in syntax.Consts)
        {
            if (!Declare(c.Name, c.Pos, "constant")) continue;
            if (Math.Abs((long)c.Value) > MaxAbsValue) Error(c.Pos, $"constant {c.Name} = {c.Value} is outside ±{MaxAbsValue}");
            _consts[c.Name] = c.Value;
        }

        foreach (var p in syntax.Processes)
        {
            if (!Declare(p.Name, p.Pos, "process")) continue;
            _processes[p.Name] = p;
            _processOrder.Add(p);
        }

        if (_processOrder.Count == 0) Error(new SourcePos(1, 1), "a workflow needs at least one process");
        if (_processOrder.Count > MaxProcesses) Error(_processOrder[MaxProcesses].Pos, $"more than {MaxProcesses} processes");

        var variables = new List<VariableInfo>();
        foreach (var v in syntax.Vars)
        {
            if (!Declare(v.Name, v.Pos, "variable")) continue;
            var type = ResolveType(v.Type);
            if (type is null) continue;
            int initial = type.Kind == ValueKind.Int ? type.Low : 0;
            if (v.Initial is not null)
            {
                var init = BindExpr(v.Initial, null, temporal: false);
                if (init is not null)
                {
                    if (!type.Compatible(init.Type)) Error(v.Initial.Pos, $"{v.Name} is {type} but its initial value is {init.Type}");
                    else if (Evaluate(init) is { } value)
                    {
                        if (value < type.Low || value > type.High) Error(v.Initial.Pos, $"initial value {value} of {v.Name} is outside {type}");
                        initial = value;
                    }
                    else Error(v.Initial.Pos, $"the initial value of {v.Name} must be a constant");
                }
            }

            var info = new VariableInfo(v.Name, type, initial, _processOrder.Count + variables.Count);
            variables.Add(info);
            _vars[v.Name] = info;
        }

        if (variables.Count > MaxVariables) Error(syntax.Vars[MaxVariables].Pos, $"more than {MaxVariables} variables");

        var processes = new List<ProcessInfo>();
        for (int i = 0; i < _processOrder.Count; i++) processes.Add(BindProcess(_processOrder[i], i));

        var properties = new List<PropertyInfo>();
        var propertyNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in syntax.Properties)
        {
            if (!propertyNames.Add(p.Name)) Error(p.Pos, $"property {p.Name} is defined twice");
            var formula = BindExpr(p.Formula, null, temporal: true);
            if (formula is null) continue;
            if (formula.Type.Kind != ValueKind.Bool)
            {
                Error(p.Formula.Pos, $"property {p.Name} must be a condition, not {formula.Type}");
                continue;
            }

            BoundExpr? invariant = formula is UnaryExpr { Op: UnaryOp.Always } always && !ExprText.IsTemporal(always.Operand) ? always.Operand : null;
            properties.Add(new PropertyInfo(p.Name, formula, p.Fair, invariant, ExprText.Format(formula)));
        }

        var monitor = syntax.Monitor is null ? null : BindMonitor(syntax.Monitor, processes);
        return new Workflow(syntax.Name, file, [.. _enums.Values], variables, processes, properties, monitor);
    }

    private ProcessInfo BindProcess(ProcessDecl p, int index)
    {
        var states = new List<string>();
        var stateIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in p.States)
        {
            if (!stateIndex.TryAdd(s.Name, states.Count)) Error(s.Pos, $"state {s.Name} of process {p.Name} is defined twice");
            else states.Add(s.Name);
        }

        if (states.Count == 0) Error(p.Pos, $"process {p.Name} has no states");
        if (states.Count > MaxStatesPerProcess) Error(p.Pos, $"process {p.Name} has more than {MaxStatesPerProcess} states");
        int initial = 0;
        if (p.Initial is { } init && !stateIndex.TryGetValue(init.Name, out initial)) Error(init.Pos, $"initial state {init.Name} is not a state of process {p.Name}");

        var transitions = new List<TransitionInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in p.Transitions)
        {
            if (!names.Add(t.Name)) Error(t.Pos, $"transition {t.Name} of process {p.Name} is defined twice");
            var bound = BindTransition(t, p.Name, index, stateIndex);
            if (bound is not null) transitions.Add(bound);
        }

        return new ProcessInfo(p.Name, index, states, initial, transitions);
    }

    private TransitionInfo? BindTransition(TransitionDecl t, string process, int index, Dictionary<string, int> states)
    {
        bool ok = true;
        var parameters = new List<ParamInfo>();
        long instances = 1;
        foreach (var pd in t.Params)
        {
            if (_globals.ContainsKey(pd.Name)) { Error(pd.Pos, $"parameter {pd.Name} hides the {_globals[pd.Name].Kind} of that name"); ok = false; }
            if (parameters.Any(q => q.Name == pd.Name)) { Error(pd.Pos, $"parameter {pd.Name} is declared twice"); ok = false; }
            var type = ResolveType(pd.Type);
            if (type is null) { ok = false; continue; }
            parameters.Add(new ParamInfo(pd.Name, type));
            instances *= (long)type.High - type.Low + 1;
        }

        if (instances > MaxInstancesPerTransition)
        {
            Error(t.Pos, $"transition {process}.{t.Name} has {instances} parameter combinations; at most {MaxInstancesPerTransition}");
            ok = false;
        }

        var sources = new List<int>();
        foreach (var s in t.Sources)
        {
            if (states.TryGetValue(s.Name, out int si)) sources.Add(si);
            else { Error(s.Pos, $"state {s.Name} is not a state of process {process}"); ok = false; }
        }

        if (!states.TryGetValue(t.Target.Name, out int target)) { Error(t.Target.Pos, $"state {t.Target.Name} is not a state of process {process}"); ok = false; }

        BoundExpr? guard = null;
        if (t.Guard is not null)
        {
            guard = BindExpr(t.Guard, parameters, temporal: false);
            if (guard is null) ok = false;
            else if (guard.Type.Kind != ValueKind.Bool) { Error(t.Guard.Pos, $"the guard of {process}.{t.Name} must be a condition, not {guard.Type}"); ok = false; }
        }

        var assignments = new List<AssignmentInfo>();
        foreach (var a in t.Assignments)
        {
            if (!_vars.TryGetValue(a.Target, out var v))
            {
                Error(a.Pos, _globals.TryGetValue(a.Target, out var g) ? $"cannot assign to the {g.Kind} {a.Target}" : $"undefined variable {a.Target}");
                ok = false;
                continue;
            }

            if (assignments.Any(x => x.Target == a.Target)) { Error(a.Pos, $"{a.Target} is assigned twice in {process}.{t.Name}"); ok = false; }
            var value = BindExpr(a.Value, parameters, temporal: false);
            if (value is null) { ok = false; continue; }
            if (!v.Type.Compatible(value.Type)) { Error(a.Value.Pos, $"{a.Target} is {v.Type} but is assigned {value.Type}"); ok = false; continue; }
            assignments.Add(new AssignmentInfo(v.Slot, v.Name, value));
        }

        return ok ? new TransitionInfo(t.Name, index, parameters, sources, target, guard, assignments) : null;
    }

    private MonitorInfo BindMonitor(MonitorDecl m, List<ProcessInfo> processes)
    {
        var rules = new List<MonitorRuleInfo>();
        foreach (var r in m.Rules)
        {
            if (r.Action.Length == 0) Error(r.Pos, "the event action must not be empty");
            var steps = new List<MonitorStepInfo>();
            foreach (var s in r.Steps)
            {
                var process = processes.FirstOrDefault(p => p.Name == s.Process);
                if (process is null) { Error(s.Pos, $"undefined process {s.Process}"); continue; }
                int ti = -1;
                for (int i = 0; i < process.Transitions.Count; i++) if (process.Transitions[i].Name == s.Transition) ti = i;
                if (ti < 0) { Error(s.Pos, $"process {s.Process} has no transition {s.Transition}"); continue; }
                var t = process.Transitions[ti];
                var fields = new string?[t.Params.Count];
                foreach (var b in s.Bindings)
                {
                    int pi = -1;
                    for (int i = 0; i < t.Params.Count; i++) if (t.Params[i].Name == b.Param) pi = i;
                    if (pi < 0) Error(b.Pos, $"{s.Process}.{s.Transition} has no parameter {b.Param}");
                    else if (fields[pi] is not null) Error(b.Pos, $"parameter {b.Param} is bound twice");
                    else fields[pi] = b.Field;
                }

                for (int i = 0; i < fields.Length; i++)
                {
                    if (fields[i] is null) Error(s.Pos, $"parameter {t.Params[i].Name} of {s.Process}.{s.Transition} is not bound to an event field");
                }

                steps.Add(new MonitorStepInfo(process.Index, ti, [.. fields.Select(f => f ?? "")]));
            }

            rules.Add(new MonitorRuleInfo(r.Action, r.Conditions, steps));
        }

        return new MonitorInfo(m.KeyField, rules);
    }

    private WfType? ResolveType(TypeRef t)
    {
        switch (t.Kind)
        {
            case TypeKind.Bool:
                return WfType.Bool;
            case TypeKind.Enum:
                if (_enums.TryGetValue(t.EnumName!, out var e)) return WfType.Of(e);
                Error(t.Pos, $"undefined type {t.EnumName}");
                return null;
            default:
                if (t.Low > t.High) { Error(t.Pos, $"empty range {t.Low}..{t.High}"); return null; }
                if (Math.Abs((long)t.Low) > MaxAbsValue || Math.Abs((long)t.High) > MaxAbsValue) { Error(t.Pos, $"range {t.Low}..{t.High} is outside ±{MaxAbsValue}"); return null; }
                return WfType.Range(t.Low, t.High);
        }
    }

    private BoundExpr? BindExpr(Expr e, List<ParamInfo>? parameters, bool temporal)
    {
        switch (e)
        {
            case IntLiteral i:
                return new ConstExpr(WfType.Range(i.Value, i.Value), i.Value);
            case BoolLiteral b:
                return new ConstExpr(WfType.Bool, b.Value ? 1 : 0);
            case NameRef n:
                if (parameters is not null)
                {
                    for (int i = 0; i < parameters.Count; i++)
                    {
                        if (parameters[i].Name == n.Name) return new ParamExpr(parameters[i].Type, i, n.Name);
                    }
                }

                if (_vars.TryGetValue(n.Name, out var v)) return new SlotExpr(v.Type, v.Slot, v.Name);
                if (_consts.TryGetValue(n.Name, out int c)) return new ConstExpr(WfType.Range(c, c), c);
                if (_members.TryGetValue(n.Name, out var m)) return new ConstExpr(WfType.Of(m.Enum), m.Index);
                Error(n.Pos, _globals.TryGetValue(n.Name, out var g) ? $"the {g.Kind} {n.Name} has no value; use Process@state for process states" : $"undefined variable {n.Name}");
                return null;
            case InState s:
                if (!_processes.TryGetValue(s.Process, out var pd)) { Error(s.Pos, $"undefined process {s.Process}"); return null; }
                int si = -1;
                for (int i = 0; i < pd.States.Count; i++) if (pd.States[i].Name == s.State) si = i;
                if (si < 0) { Error(s.Pos, $"process {s.Process} has no state {s.State}"); return null; }
                return new InStateExpr(_processOrder.IndexOf(pd), si, $"{s.Process}@{s.State}");
            case Unary u:
                return BindUnary(u, parameters, temporal);
            case Binary b:
                return BindBinary(b, parameters, temporal);
            default:
                throw new InvalidOperationException("unknown expression " + e.GetType().Name);
        }
    }

    private BoundExpr? BindUnary(Unary u, List<ParamInfo>? parameters, bool temporal)
    {
        var operand = BindExpr(u.Operand, parameters, temporal);
        if (operand is null) return null;
        if (u.Op is UnaryOp.Always or UnaryOp.Eventually or UnaryOp.Next && !temporal)
        {
            Error(u.Pos, "temporal operators ([], <>, next) are only allowed in properties");
            return null;
        }

        if (u.Op == UnaryOp.Negate)
        {
            if (operand.Type.Kind != ValueKind.Int) { Error(u.Pos, $"'-' needs a number, not {operand.Type}"); return null; }
            return new UnaryExpr(WfType.AnyInt, u.Op, operand);
        }

        if (operand.Type.Kind != ValueKind.Bool) { Error(u.Pos, $"{ExprText.Symbol(u.Op)} needs a condition, not {operand.Type}"); return null; }
        return new UnaryExpr(WfType.Bool, u.Op, operand);
    }

    private BoundExpr? BindBinary(Binary b, List<ParamInfo>? parameters, bool temporal)
    {
        var left = BindExpr(b.Left, parameters, temporal);
        var right = BindExpr(b.Right, parameters, temporal);
        if (left is null || right is null) return null;
        string sym = ExprText.Symbol(b.Op);
        switch (b.Op)
        {
            case BinaryOp.Until or BinaryOp.Release when !temporal:
                Error(b.Pos, "temporal operators (until, release) are only allowed in properties");
                return null;
            case BinaryOp.Iff or BinaryOp.Implies or BinaryOp.Or or BinaryOp.And or BinaryOp.Until or BinaryOp.Release:
                if (left.Type.Kind != ValueKind.Bool || right.Type.Kind != ValueKind.Bool) { Error(b.Pos, $"'{sym}' needs conditions on both sides, not {left.Type} and {right.Type}"); return null; }
                return new BinaryExpr(WfType.Bool, b.Op, left, right);
            case BinaryOp.Eq or BinaryOp.Ne:
                if (!left.Type.Compatible(right.Type)) { Error(b.Pos, $"cannot compare {left.Type} with {right.Type}"); return null; }
                if (ExprText.IsTemporal(left) || ExprText.IsTemporal(right)) { Error(b.Pos, $"'{sym}' cannot compare temporal formulas; use <->"); return null; }
                return new BinaryExpr(WfType.Bool, b.Op, left, right);
            default:
                if (left.Type.Kind != ValueKind.Int || right.Type.Kind != ValueKind.Int) { Error(b.Pos, $"'{sym}' needs numbers on both sides, not {left.Type} and {right.Type}"); return null; }
                return new BinaryExpr(b.Op is BinaryOp.Add or BinaryOp.Sub ? WfType.AnyInt : WfType.Bool, b.Op, left, right);
        }
    }

    /// <summary>The value of an expression without variables, or null.</summary>
    private static int? Evaluate(BoundExpr e) => e switch
    {
        ConstExpr c => c.Value,
        UnaryExpr { Op: UnaryOp.Negate } u => -Evaluate(u.Operand),
        BinaryExpr { Op: BinaryOp.Add } b => Evaluate(b.Left) + Evaluate(b.Right),
        BinaryExpr { Op: BinaryOp.Sub } b => Evaluate(b.Left) - Evaluate(b.Right),
        _ => null,
    };

    private bool Declare(string name, SourcePos pos, string kind)
    {
        if (_globals.TryGetValue(name, out var first))
        {
            Error(pos, $"{name} is already defined as a {first.Kind} at line {first.Pos.Line}");
            return false;
        }

        _globals[name] = (pos, kind);
        return true;
    }

    private void Error(SourcePos pos, string message) => _errors.Add((pos, message));
}
