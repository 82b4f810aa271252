using System.Text;

namespace Ensuresec.Integrity.Files;

/// <summary>
/// A unified diff of two texts by lines (common prefix and suffix trimmed, then a longest-common-subsequence table
/// over the middle when it is small enough; a larger middle is shown as replaced). For people, not for patch(1).
/// </summary>
internal static class LineDiff
{
    private const long MaxTableCells = 4_000_000;
    private const int Context = 3;
    private const int MaxOutputLines = 400;

    public static string Unified(string oldText, string newText, string name)
    {
        string[] a = Split(oldText), b = Split(newText);
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix]) suffix++;
        var ops = new List<(char Op, string Line)>();
        for (int i = 0; i < prefix; i++) ops.Add((' ', a[i]));
        ops.AddRange(Middle(a[prefix..(a.Length - suffix)], b[prefix..(b.Length - suffix)]));
        for (int i = a.Length - suffix; i < a.Length; i++) ops.Add((' ', a[i]));
        return Format(ops, name);
    }

    private static IEnumerable<(char, string)> Middle(string[] a, string[] b)
    {
        if ((long)a.Length * b.Length > MaxTableCells)
        {
            foreach (string l in a) yield return ('-', l);
            foreach (string l in b) yield return ('+', l);
            yield break;
        }

        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { yield return (' ', a[x]); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) { yield return ('-', a[x]); x++; }
            else { yield return ('+', b[y]); y++; }
        }
    }

    private static string Format(List<(char Op, string Line)> ops, string name)
    {
        var sb = new StringBuilder();
        sb.Append("--- baseline/").Append(name).Append('\n').Append("+++ current/").Append(name).Append('\n');
        int lines = 0, oldLine = 1, newLine = 1, k = 0;
        while (k < ops.Count)
        {
            if (ops[k].Op == ' ') { oldLine++; newLine++; k++; continue; }
            int start = Math.Max(0, k - Context);
            int end = k;
            int quiet = 0;
            while (end < ops.Count && quiet <= 2 * Context)
            {
                quiet = ops[end].Op == ' ' ? quiet + 1 : 0;
                end++;
            }

            end = Math.Min(ops.Count, end - Math.Max(0, quiet - Context));
            int back = k - start;
            int oldStart = oldLine - back, newStart = newLine - back;
            int oldCount = ops.Skip(start).Take(end - start).Count(o => o.Op != '+');
            int newCount = ops.Skip(start).Take(end - start).Count(o => o.Op != '-');
            sb.Append("@@ -").Append(oldStart).Append(',').Append(oldCount).Append(" +").Append(newStart).Append(',').Append(newCount).Append(" @@\n");
            for (int i = start; i < end; i++)
            {
                if (++lines > MaxOutputLines) { sb.Append("... (diff cut at ").Append(MaxOutputLines).Append(" lines)\n"); return sb.ToString(); }
                sb.Append(ops[i].Op).Append(ops[i].Line).Append('\n');
                if (i >= k)
                {
                    if (ops[i].Op != '+') oldLine++;
                    if (ops[i].Op != '-') newLine++;
                }
            }

            k = end;
        }

        return sb.ToString();
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
