using Ensuresec.Workflows.Language;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Ltl;

/// <summary>
/// A property's formula to LTL in negation normal form: each largest subformula without temporal operators
/// becomes an atom (evaluated on a state); <c>[] p</c> is <c>false release p</c>, <c>&lt;&gt; p</c> is <c>true until p</c>.
/// </summary>
internal sealed class LtlTranslator
{
    private readonly List<BoundExpr> _atoms = [];
    private readonly Dictionary<string, int> _atomIndex = new(StringComparer.Ordinal);

    /// <summary>The state conditions the formula's atoms stand for.</summary>
    public IReadOnlyList<BoundExpr> Atoms => _atoms;

    /// <summary>The formula, negated when <paramref name="negate"/> (the checker searches for a run of the negation).</summary>
    public LtlFormula Translate(BoundExpr e, bool negate) => Nnf(e, negate);

    private LtlFormula Nnf(BoundExpr e, bool neg)
    {
        if (!ExprText.IsTemporal(e))
        {
            if (e is ConstExpr c) return (c.Value != 0) != neg ? LtlFormula.True : LtlFormula.False;
            return new LtlLiteral(Atom(e), !neg);
        }

        switch (e)
        {
            case UnaryExpr { Op: UnaryOp.Not } u:
                return Nnf(u.Operand, !neg);
            case UnaryExpr { Op: UnaryOp.Next } u:
                return new LtlNext(Nnf(u.Operand, neg));
            case UnaryExpr { Op: UnaryOp.Always } u:
                return neg ? new LtlUntil(LtlFormula.True, Nnf(u.Operand, true)) : new LtlRelease(LtlFormula.False, Nnf(u.Operand, false));
            case UnaryExpr { Op: UnaryOp.Eventually } u:
                return neg ? new LtlRelease(LtlFormula.False, Nnf(u.Operand, true)) : new LtlUntil(LtlFormula.True, Nnf(u.Operand, false));
            case BinaryExpr b:
                return b.Op switch
                {
                    BinaryOp.And => neg ? new LtlOr(Nnf(b.Left, true), Nnf(b.Right, true)) : new LtlAnd(Nnf(b.Left, false), Nnf(b.Right, false)),
                    BinaryOp.Or => neg ? new LtlAnd(Nnf(b.Left, true), Nnf(b.Right, true)) : new LtlOr(Nnf(b.Left, false), Nnf(b.Right, false)),
                    BinaryOp.Implies => neg ? new LtlAnd(Nnf(b.Left, false), Nnf(b.Right, true)) : new LtlOr(Nnf(b.Left, true), Nnf(b.Right, false)),
                    BinaryOp.Iff => neg
                        ? new LtlOr(new LtlAnd(Nnf(b.Left, false), Nnf(b.Right, true)), new LtlAnd(Nnf(b.Left, true), Nnf(b.Right, false)))
                        : new LtlOr(new LtlAnd(Nnf(b.Left, false), Nnf(b.Right, false)), new LtlAnd(Nnf(b.Left, true), Nnf(b.Right, true))),
                    BinaryOp.Until => neg ? new LtlRelease(Nnf(b.Left, true), Nnf(b.Right, true)) : new LtlUntil(Nnf(b.Left, false), Nnf(b.Right, false)),
                    BinaryOp.Release => neg ? new LtlUntil(Nnf(b.Left, true), Nnf(b.Right, true)) : new LtlRelease(Nnf(b.Left, false), Nnf(b.Right, false)),
                    _ => throw new InvalidOperationException("not a temporal connective: " + ExprText.Format(e)),
                };
            default:
                throw new InvalidOperationException("unexpected formula " + ExprText.Format(e));
        }
    }

    private int Atom(BoundExpr e)
    {
        // Atoms are shared by their text, so the same condition written twice is one atom.
        string key = ExprText.Format(e);
        if (_atomIndex.TryGetValue(key, out int i)) return i;
        i = _atoms.Count;
        _atoms.Add(e);
        _atomIndex[key] = i;
        return i;
    }
}
