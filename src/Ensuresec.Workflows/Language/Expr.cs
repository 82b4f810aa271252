namespace Ensuresec.Workflows.Language;

/// <summary>An expression of the workflow language: data, process states and, in properties, temporal operators.</summary>
internal abstract record Expr(SourcePos Pos);

internal sealed record IntLiteral(SourcePos Pos, int Value) : Expr(Pos);

internal sealed record BoolLiteral(SourcePos Pos, bool Value) : Expr(Pos);

/// <summary>A variable, constant, transition parameter or enum member, resolved by the checker.</summary>
internal sealed record NameRef(SourcePos Pos, string Name) : Expr(Pos);

/// <summary><c>Process@state</c>: true while the process is in that state.</summary>
internal sealed record InState(SourcePos Pos, string Process, string State) : Expr(Pos);

internal sealed record Unary(SourcePos Pos, UnaryOp Op, Expr Operand) : Expr(Pos);

internal sealed record Binary(SourcePos Pos, BinaryOp Op, Expr Left, Expr Right) : Expr(Pos);

internal enum UnaryOp
{
    Not,
    Negate,
    Always,
    Eventually,
    Next,
}

internal enum BinaryOp
{
    Iff,
    Implies,
    Or,
    And,
    Until,
    Release,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
}
