using System.Globalization;
using System.Text;
using Ensuresec.Workflows.Checking;
using Ensuresec.Workflows.Language;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Promela;

/// <summary>
/// The same model in Promela, for SPIN: one global per process state and per variable, one proctype per process
/// whose loop offers each transition (each parameter value apart) as a d_step guarded by the source state, the
/// guard and the ranges of the assigned values; one <c>ltl</c> block per property. Names get prefixes
/// (st_, v_, p_, prop_) so they never clash with Promela keywords. Properties under fairness need <c>pan -f</c>.
/// </summary>
internal static class PromelaExporter
{
    public static string Export(Workflow w)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"/* workflow {w.Name}, exported by ensuresec from {Path.GetFileName(w.File)}. */");
        sb.AppendLine("/* Verify each property with: spin -a FILE; gcc -O2 -DNOREDUCE -o pan pan.c; ./pan -a -E -N prop_NAME (add -f for properties checked under fairness). */");
        foreach (var e in w.Enums)
        {
            sb.AppendLine(c, $"/* enum {e.Name}: {string.Join(", ", e.Members.Select((m, i) => $"{i} = {m}"))} */");
        }

        foreach (var p in w.Processes)
        {
            sb.AppendLine(c, $"byte st_{p.Name} = {p.Initial}; /* {string.Join(", ", p.States.Select((s, i) => $"{i} = {s}"))} */");
        }

        foreach (var v in w.Variables)
        {
            sb.AppendLine(c, $"{TypeName(v.Type)} v_{v.Name} = {v.Initial}; /* {v.Type} */");
        }

        int temps = w.Processes.SelectMany(p => p.Transitions).Select(t => t.Assignments.Count).DefaultIfEmpty(0).Max();
        for (int i = 0; i < temps; i++) sb.AppendLine(c, $"hidden int tmp_{i};");
        sb.AppendLine();

        foreach (var p in w.Processes.Where(p => p.Transitions.Count > 0))
        {
            sb.AppendLine(c, $"active proctype p_{p.Name}() {{");
            sb.AppendLine("end: do");
            foreach (var t in p.Transitions)
            {
                foreach (var values in ModelCompiler.ParamValues(t.Params))
                {
                    sb.AppendLine(c, $"  :: d_step {{ {Guard(w, p, t, values)} -> {Body(p, t, values)} }} /* {ModelCompiler.Label(w, p, t, values)} */");
                }
            }

            sb.AppendLine("od");
            sb.AppendLine("}");
            sb.AppendLine();
        }

        // SPIN needs a process; a workflow without transitions only stutters in its start state.
        if (w.Processes.All(p => p.Transitions.Count == 0)) sb.AppendLine("active proctype p_nothing_moves() { skip }").AppendLine();

        foreach (var prop in w.Properties)
        {
            if (!Exportable(prop))
            {
                sb.AppendLine(c, $"/* prop_{prop.Name} uses next, which SPIN accepts only when built with NXT (Debian's is not): not exported. */");
                continue;
            }

            sb.AppendLine(c, $"ltl prop_{prop.Name} {{ {Expr(prop.Formula, [])} }}{(prop.Fair ? " /* under weak fairness: pan -f */" : "")}");
        }

        return sb.ToString();
    }

    /// <summary>Whether the property is written to the Promela file (next is not: see <see cref="Export"/>).</summary>
    public static bool Exportable(PropertyInfo p) => !UsesNext(p.Formula);

    private static bool UsesNext(BoundExpr e) => e switch
    {
        UnaryExpr u => u.Op == UnaryOp.Next || UsesNext(u.Operand),
        BinaryExpr b => UsesNext(b.Left) || UsesNext(b.Right),
        _ => false,
    };

    private static string TypeName(WfType t) =>
        t.Kind == ValueKind.Bool ? "bool" : t.Low >= 0 && t.High <= 255 ? "byte" : t.Low >= short.MinValue && t.High <= short.MaxValue ? "short" : "int";

    private static string Guard(Workflow w, ProcessInfo p, TransitionInfo t, int[] values)
    {
        var parts = new List<string> { "(" + string.Join(" || ", t.Sources.Distinct().Select(s => $"st_{p.Name} == {s}")) + ")" };
        if (t.Guard is not null) parts.Add(Expr(t.Guard, values));
        foreach (var a in t.Assignments)
        {
            var type = w.Variables[a.Slot - w.Processes.Count].Type;
            if (type.Kind == ValueKind.Bool) continue;
            string e = Expr(a.Value, values);
            parts.Add($"({type.Low} <= {e} && {e} <= {type.High})");
        }

        return string.Join(" && ", parts);
    }

    // Right-hand sides read the old state: through hidden temporaries when an earlier assignment could change them.
    private static string Body(ProcessInfo p, TransitionInfo t, int[] values)
    {
        var statements = new List<string>();
        bool needTemps = t.Assignments.Count > 1;
        for (int i = 0; i < t.Assignments.Count; i++)
        {
            string e = Expr(t.Assignments[i].Value, values);
            statements.Add(needTemps ? $"tmp_{i} = {e}" : $"v_{t.Assignments[i].Target} = {e}");
        }

        if (needTemps)
        {
            for (int i = 0; i < t.Assignments.Count; i++) statements.Add($"v_{t.Assignments[i].Target} = tmp_{i}");
        }

        statements.Add($"st_{p.Name} = {t.Target}");
        return string.Join("; ", statements);
    }

    private static string Expr(BoundExpr e, int[] values) => e switch
    {
        ConstExpr c => c.Value.ToString(CultureInfo.InvariantCulture),
        SlotExpr s => "v_" + s.Name,
        ParamExpr p => values[p.Index].ToString(CultureInfo.InvariantCulture),
        InStateExpr i => $"(st_{i.Text[..i.Text.IndexOf('@', StringComparison.Ordinal)]} == {i.State})",
        UnaryExpr u => u.Op switch
        {
            UnaryOp.Not => $"!({Expr(u.Operand, values)})",
            UnaryOp.Negate => $"-({Expr(u.Operand, values)})",
            UnaryOp.Always => $"[]({Expr(u.Operand, values)})",
            UnaryOp.Eventually => $"<>({Expr(u.Operand, values)})",
            _ => $"X({Expr(u.Operand, values)})",
        },
        BinaryExpr b => b.Op switch
        {
            BinaryOp.Implies => $"(!({Expr(b.Left, values)}) || ({Expr(b.Right, values)}))",
            BinaryOp.Iff when !ExprText.IsTemporal(b) => $"(({Expr(b.Left, values)}) == ({Expr(b.Right, values)}))",
            BinaryOp.Iff => $"(({Expr(b.Left, values)}) <-> ({Expr(b.Right, values)}))",
            BinaryOp.Until => $"(({Expr(b.Left, values)}) U ({Expr(b.Right, values)}))",
            BinaryOp.Release => $"(({Expr(b.Left, values)}) V ({Expr(b.Right, values)}))",
            _ => $"({Expr(b.Left, values)} {ExprText.Symbol(b.Op)} {Expr(b.Right, values)})",
        },
        _ => throw new InvalidOperationException("unknown expression"),
    };
}
