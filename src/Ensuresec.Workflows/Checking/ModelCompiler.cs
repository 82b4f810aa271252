using System.Linq.Expressions;
using Ensuresec.Workflows.Language;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Checking;

/// <summary>Compiles a workflow's transitions and conditions to delegates over the state vector (int[]), once per check.</summary>
internal static class ModelCompiler
{
    public static IReadOnlyList<ModelAction> Actions(Workflow w)
    {
        var actions = new List<ModelAction>();
        foreach (var p in w.Processes)
        {
            for (int ti = 0; ti < p.Transitions.Count; ti++)
            {
                var t = p.Transitions[ti];
                foreach (var values in ParamValues(t.Params))
                {
                    actions.Add(Compile(w, p, ti, values));
                }
            }
        }

        return actions;
    }

    /// <summary>Every combination of parameter values, first parameter slowest.</summary>
    public static IEnumerable<int[]> ParamValues(IReadOnlyList<ParamInfo> ps)
    {
        if (ps.Count == 0)
        {
            yield return [];
            yield break;
        }

        var current = ps.Select(p => p.Type.Low).ToArray();
        while (true)
        {
            yield return (int[])current.Clone();
            int i = ps.Count - 1;
            while (i >= 0 && current[i] == ps[i].Type.High)
            {
                current[i] = ps[i].Type.Low;
                i--;
            }

            if (i < 0) yield break;
            current[i]++;
        }
    }

    public static string Label(Workflow w, ProcessInfo p, TransitionInfo t, IReadOnlyList<int> values) =>
        values.Count == 0 ? $"{p.Name}.{t.Name}" : $"{p.Name}.{t.Name}({string.Join(", ", t.Params.Select((q, i) => q.Type.Format(values[i])))})";

    public static Func<int[], bool> Predicate(BoundExpr e)
    {
        var s = Expression.Parameter(typeof(int[]), "s");
        return Expression.Lambda<Func<int[], bool>>(Bool(e, s, []), s).Compile();
    }

    private static ModelAction Compile(Workflow w, ProcessInfo p, int ti, int[] values)
    {
        var t = p.Transitions[ti];
        var s = Expression.Parameter(typeof(int[]), "s");
        var d = Expression.Parameter(typeof(int[]), "d");
        Expression stateSlot = Expression.ArrayIndex(s, Expression.Constant(p.Index));
        Expression enabled = t.Sources.Distinct().Select(src => (Expression)Expression.Equal(stateSlot, Expression.Constant(src))).Aggregate(Expression.OrElse);
        if (t.Guard is not null) enabled = Expression.AndAlso(enabled, Bool(t.Guard, s, values));
        var temps = new List<ParameterExpression>();
        var body = new List<Expression>();
        foreach (var a in t.Assignments)
        {
            var type = w.Variables[a.Slot - w.Processes.Count].Type;
            var value = Int(a.Value, s, values);
            if (type.Kind == WfType.Bool.Kind || (type.Low > int.MinValue && type.High < int.MaxValue))
            {
                var within = Expression.AndAlso(
                    Expression.GreaterThanOrEqual(value, Expression.Constant((long)type.Low)),
                    Expression.LessThanOrEqual(value, Expression.Constant((long)type.High)));
                enabled = Expression.AndAlso(enabled, within);
            }

            var temp = Expression.Variable(typeof(long), a.Target);
            temps.Add(temp);
            body.Add(Expression.Assign(temp, value));
        }

        body.Insert(0, Expression.Call(typeof(Array), nameof(Array.Copy), null, s, d, Expression.ArrayLength(s)));
        for (int i = 0; i < t.Assignments.Count; i++)
        {
            body.Add(Expression.Assign(Expression.ArrayAccess(d, Expression.Constant(t.Assignments[i].Slot)), Expression.Convert(temps[i], typeof(int))));
        }

        body.Add(Expression.Assign(Expression.ArrayAccess(d, Expression.Constant(p.Index)), Expression.Constant(t.Target)));
        var apply = Expression.Lambda<Action<int[], int[]>>(Expression.Block(temps, body), s, d).Compile();
        var guard = Expression.Lambda<Func<int[], bool>>(enabled, s).Compile();
        return new ModelAction(p.Index, ti, values, Label(w, p, t, values), guard, apply);
    }

    // Arithmetic is done in long: values are within ±1,000,000 and expressions have at most 1,000 terms, so no overflow.
    private static Expression Int(BoundExpr e, ParameterExpression s, int[] values) => e switch
    {
        ConstExpr c => Expression.Constant((long)c.Value),
        SlotExpr v => Expression.Convert(Expression.ArrayIndex(s, Expression.Constant(v.Slot)), typeof(long)),
        ParamExpr p => Expression.Constant((long)values[p.Index]),
        UnaryExpr { Op: UnaryOp.Negate } u => Expression.Negate(Int(u.Operand, s, values)),
        BinaryExpr { Op: BinaryOp.Add } b => Expression.Add(Int(b.Left, s, values), Int(b.Right, s, values)),
        BinaryExpr { Op: BinaryOp.Sub } b => Expression.Subtract(Int(b.Left, s, values), Int(b.Right, s, values)),
        _ when e.Type.Kind == ValueKind.Bool => Expression.Condition(Bool(e, s, values), Expression.Constant(1L), Expression.Constant(0L)),
        _ => throw new InvalidOperationException("not an integer expression: " + ExprText.Format(e)),
    };

    private static Expression Bool(BoundExpr e, ParameterExpression s, int[] values) => e switch
    {
        ConstExpr c => Expression.Constant(c.Value != 0),
        SlotExpr or ParamExpr => Expression.NotEqual(Int(e, s, values), Expression.Constant(0L)),
        InStateExpr i => Expression.Equal(Expression.ArrayIndex(s, Expression.Constant(i.Process)), Expression.Constant(i.State)),
        UnaryExpr { Op: UnaryOp.Not } u => Expression.Not(Bool(u.Operand, s, values)),
        BinaryExpr b => b.Op switch
        {
            BinaryOp.And => Expression.AndAlso(Bool(b.Left, s, values), Bool(b.Right, s, values)),
            BinaryOp.Or => Expression.OrElse(Bool(b.Left, s, values), Bool(b.Right, s, values)),
            BinaryOp.Implies => Expression.OrElse(Expression.Not(Bool(b.Left, s, values)), Bool(b.Right, s, values)),
            BinaryOp.Iff => Expression.Equal(Bool(b.Left, s, values), Bool(b.Right, s, values)),
            BinaryOp.Eq => Expression.Equal(Int(b.Left, s, values), Int(b.Right, s, values)),
            BinaryOp.Ne => Expression.NotEqual(Int(b.Left, s, values), Int(b.Right, s, values)),
            BinaryOp.Lt => Expression.LessThan(Int(b.Left, s, values), Int(b.Right, s, values)),
            BinaryOp.Le => Expression.LessThanOrEqual(Int(b.Left, s, values), Int(b.Right, s, values)),
            BinaryOp.Gt => Expression.GreaterThan(Int(b.Left, s, values), Int(b.Right, s, values)),
            BinaryOp.Ge => Expression.GreaterThanOrEqual(Int(b.Left, s, values), Int(b.Right, s, values)),
            _ => throw new InvalidOperationException("temporal operator in a state condition: " + ExprText.Format(e)),
        },
        _ => throw new InvalidOperationException("not a condition: " + ExprText.Format(e)),
    };
}
