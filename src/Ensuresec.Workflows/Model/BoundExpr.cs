namespace Ensuresec.Workflows.Model;

/// <summary>
/// A checked expression over the state vector: slots 0..P-1 hold the state index of each process,
/// slots P.. the variables. Transition parameters are substituted by constants before use
/// (each parameter value is its own transition instance).
/// </summary>
internal abstract record BoundExpr(WfType Type);

internal sealed record ConstExpr(WfType Type, int Value) : BoundExpr(Type);

/// <summary>A variable, by its slot in the state vector.</summary>
internal sealed record SlotExpr(WfType Type, int Slot, string Name) : BoundExpr(Type);

/// <summary>A transition parameter (index into the parameter list), replaced before compilation.</summary>
internal sealed record ParamExpr(WfType Type, int Index, string Name) : BoundExpr(Type);

/// <summary>Process in a state: slot[process] == state.</summary>
internal sealed record InStateExpr(int Process, int State, string Text) : BoundExpr(WfType.Bool);

internal sealed record UnaryExpr(WfType Type, Language.UnaryOp Op, BoundExpr Operand) : BoundExpr(Type);

internal sealed record BinaryExpr(WfType Type, Language.BinaryOp Op, BoundExpr Left, BoundExpr Right) : BoundExpr(Type);
