using Ensuresec.Workflows.Language;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Monitoring;

/// <summary>
/// Evaluates model expressions on observed values: numbers are decimals (real amounts, not the model's small
/// scale), enum values are names (an enum member is its own name, so "alice" matches user.name "alice"),
/// process states are state indices. A comparison with a missing value is false.
/// </summary>
internal static class RuntimeEvaluator
{
    public static object? Evaluate(BoundExpr e, object?[] slots, object?[] parameters) => e switch
    {
        ConstExpr c => c.Type.Kind switch
        {
            ValueKind.Bool => c.Value != 0,
            ValueKind.Enum => c.Type.Format(c.Value),
            _ => (decimal)c.Value,
        },
        SlotExpr s => slots[s.Slot],
        ParamExpr p => parameters[p.Index],
        InStateExpr i => slots[i.Process] is int state && state == i.State,
        UnaryExpr u => Unary(u, slots, parameters),
        BinaryExpr b => Binary(b, slots, parameters),
        _ => null,
    };

    public static bool IsTrue(BoundExpr e, object?[] slots, object?[] parameters) => Evaluate(e, slots, parameters) is true;

    private static object? Unary(UnaryExpr u, object?[] slots, object?[] parameters)
    {
        var v = Evaluate(u.Operand, slots, parameters);
        return u.Op switch
        {
            UnaryOp.Not => v is bool b ? !b : null,
            UnaryOp.Negate => v is decimal d ? -d : null,
            _ => null,
        };
    }

    private static object? Binary(BinaryExpr b, object?[] slots, object?[] parameters)
    {
        switch (b.Op)
        {
            case BinaryOp.And:
                return IsTrue(b.Left, slots, parameters) && IsTrue(b.Right, slots, parameters);
            case BinaryOp.Or:
                return IsTrue(b.Left, slots, parameters) || IsTrue(b.Right, slots, parameters);
            case BinaryOp.Implies:
                return !IsTrue(b.Left, slots, parameters) || IsTrue(b.Right, slots, parameters);
            case BinaryOp.Iff:
                return IsTrue(b.Left, slots, parameters) == IsTrue(b.Right, slots, parameters);
        }

        var l = Evaluate(b.Left, slots, parameters);
        var r = Evaluate(b.Right, slots, parameters);
        if (l is null || r is null) return b.Op is BinaryOp.Add or BinaryOp.Sub ? null : false;
        if (b.Op is BinaryOp.Eq) return Equals(l, r);
        if (b.Op is BinaryOp.Ne) return !Equals(l, r);
        if (l is not decimal x || r is not decimal y) return b.Op is BinaryOp.Add or BinaryOp.Sub ? null : false;
        try
        {
            return b.Op switch
            {
                BinaryOp.Lt => x < y,
                BinaryOp.Le => x <= y,
                BinaryOp.Gt => x > y,
                BinaryOp.Ge => x >= y,
                BinaryOp.Add => x + y,
                BinaryOp.Sub => x - y,
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null; // amounts near decimal's limits: unknown, never a crash
        }
    }
}
