namespace Ensuresec.Workflows.Ltl;

/// <summary>
/// An LTL formula in negation normal form over numbered atoms (state conditions). Records compare by structure,
/// which the tableau relies on.
/// </summary>
internal abstract record LtlFormula
{
    public static readonly LtlFormula True = new LtlConst(true);
    public static readonly LtlFormula False = new LtlConst(false);
}

internal sealed record LtlConst(bool Value) : LtlFormula;

/// <summary>Atom <see cref="Index"/>, or its negation.</summary>
internal sealed record LtlLiteral(int Index, bool Positive) : LtlFormula;

internal sealed record LtlAnd(LtlFormula Left, LtlFormula Right) : LtlFormula;

internal sealed record LtlOr(LtlFormula Left, LtlFormula Right) : LtlFormula;

internal sealed record LtlNext(LtlFormula Operand) : LtlFormula;

internal sealed record LtlUntil(LtlFormula Left, LtlFormula Right) : LtlFormula;

internal sealed record LtlRelease(LtlFormula Left, LtlFormula Right) : LtlFormula;
