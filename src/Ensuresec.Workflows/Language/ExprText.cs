using System.Globalization;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Language;

/// <summary>Checked expressions back to text (fully parenthesised, in the workflow language).</summary>
internal static class ExprText
{
    public static string Symbol(UnaryOp op) => op switch
    {
        UnaryOp.Not => "!",
        UnaryOp.Negate => "-",
        UnaryOp.Always => "[]",
        UnaryOp.Eventually => "<>",
        _ => "next",
    };

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Iff => "<->",
        BinaryOp.Implies => "->",
        BinaryOp.Or => "||",
        BinaryOp.And => "&&",
        BinaryOp.Until => "until",
        BinaryOp.Release => "release",
        BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=",
        BinaryOp.Lt => "<",
        BinaryOp.Le => "<=",
        BinaryOp.Gt => ">",
        BinaryOp.Ge => ">=",
        BinaryOp.Add => "+",
        _ => "-",
    };

    public static bool IsTemporal(BoundExpr e) => e switch
    {
        UnaryExpr u => u.Op is UnaryOp.Always or UnaryOp.Eventually or UnaryOp.Next || IsTemporal(u.Operand),
        BinaryExpr b => b.Op is BinaryOp.Until or BinaryOp.Release || IsTemporal(b.Left) || IsTemporal(b.Right),
        _ => false,
    };

    public static string Format(BoundExpr e) => e switch
    {
        ConstExpr c => c.Type.Format(c.Value),
        SlotExpr s => s.Name,
        ParamExpr p => p.Name,
        InStateExpr i => i.Text,
        UnaryExpr u => u.Op is UnaryOp.Not or UnaryOp.Negate ? Symbol(u.Op) + Wrap(u.Operand) : Symbol(u.Op) + " " + Wrap(u.Operand),
        BinaryExpr b => $"{Wrap(b.Left)} {Symbol(b.Op)} {Wrap(b.Right)}",
        _ => e.ToString() ?? "",
    };

    private static string Wrap(BoundExpr e) =>
        e is BinaryExpr or UnaryExpr { Op: UnaryOp.Always or UnaryOp.Eventually or UnaryOp.Next } ? "(" + Format(e) + ")" : Format(e);

    internal static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);
}
