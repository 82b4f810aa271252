using Ensuresec.Workflows.Checking;
using Ensuresec.Workflows.Language;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Tests.Support;

/// <summary>
/// The reference: a plain interpreter of the model (no compiled delegates, no custom hash table) exploring
/// by BFS with a dictionary of string keys. Slow and obviously right, to check the fast checker against.
/// </summary>
internal static class NaiveExplorer
{
    /// <summary>Every reachable state with its BFS distance from the start.</summary>
    public static Dictionary<string, (int[] State, int Distance)> Explore(Workflow w)
    {
        var start = w.InitialState();
        var seen = new Dictionary<string, (int[], int)> { [Key(start)] = (start, 0) };
        var queue = new Queue<(int[] State, int Distance)>();
        queue.Enqueue((start, 0));
        while (queue.Count > 0)
        {
            var (s, d) = queue.Dequeue();
            foreach (var next in Successors(w, s))
            {
                if (seen.TryAdd(Key(next), (next, d + 1))) queue.Enqueue((next, d + 1));
            }
        }

        return seen;
    }

    public static IEnumerable<int[]> Successors(Workflow w, int[] s)
    {
        foreach (var p in w.Processes)
        {
            foreach (var t in p.Transitions)
            {
                if (!t.Sources.Contains(s[p.Index])) continue;
                foreach (var values in ModelCompiler.ParamValues(t.Params))
                {
                    if (t.Guard is not null && Eval(t.Guard, s, values) == 0) continue;
                    var results = t.Assignments.Select(a => Eval(a.Value, s, values)).ToArray();
                    bool inRange = true;
                    for (int i = 0; i < results.Length; i++)
                    {
                        var type = w.Variables[t.Assignments[i].Slot - w.Processes.Count].Type;
                        if (results[i] < type.Low || results[i] > type.High) inRange = false;
                    }

                    if (!inRange) continue;
                    var next = (int[])s.Clone();
                    for (int i = 0; i < results.Length; i++) next[t.Assignments[i].Slot] = (int)results[i];
                    next[p.Index] = t.Target;
                    yield return next;
                }
            }
        }
    }

    public static string Key(int[] s) => string.Join(",", s);

    public static string Format(Workflow w, int[] s) => string.Join(" ", s.Select((v, i) => $"{w.SlotName(i)}={w.FormatSlot(i, v)}"));

    public static long Eval(BoundExpr e, int[] s, int[] p) => e switch
    {
        ConstExpr c => c.Value,
        SlotExpr v => s[v.Slot],
        ParamExpr x => p[x.Index],
        InStateExpr i => s[i.Process] == i.State ? 1 : 0,
        UnaryExpr { Op: UnaryOp.Not } u => Eval(u.Operand, s, p) == 0 ? 1 : 0,
        UnaryExpr { Op: UnaryOp.Negate } u => -Eval(u.Operand, s, p),
        BinaryExpr b => b.Op switch
        {
            BinaryOp.And => Eval(b.Left, s, p) != 0 && Eval(b.Right, s, p) != 0 ? 1 : 0,
            BinaryOp.Or => Eval(b.Left, s, p) != 0 || Eval(b.Right, s, p) != 0 ? 1 : 0,
            BinaryOp.Implies => Eval(b.Left, s, p) == 0 || Eval(b.Right, s, p) != 0 ? 1 : 0,
            BinaryOp.Iff => (Eval(b.Left, s, p) != 0) == (Eval(b.Right, s, p) != 0) ? 1 : 0,
            BinaryOp.Eq => Eval(b.Left, s, p) == Eval(b.Right, s, p) ? 1 : 0,
            BinaryOp.Ne => Eval(b.Left, s, p) != Eval(b.Right, s, p) ? 1 : 0,
            BinaryOp.Lt => Eval(b.Left, s, p) < Eval(b.Right, s, p) ? 1 : 0,
            BinaryOp.Le => Eval(b.Left, s, p) <= Eval(b.Right, s, p) ? 1 : 0,
            BinaryOp.Gt => Eval(b.Left, s, p) > Eval(b.Right, s, p) ? 1 : 0,
            BinaryOp.Ge => Eval(b.Left, s, p) >= Eval(b.Right, s, p) ? 1 : 0,
            BinaryOp.Add => Eval(b.Left, s, p) + Eval(b.Right, s, p),
            BinaryOp.Sub => Eval(b.Left, s, p) - Eval(b.Right, s, p),
            _ => throw new InvalidOperationException("temporal"),
        },
        _ => throw new InvalidOperationException(),
    };
}
