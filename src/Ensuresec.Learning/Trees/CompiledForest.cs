using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ensuresec.Learning.Trees;

/// <summary>
/// The trees laid out for fast scoring: every tree padded to a complete tree of the forest's depth, so a row
/// walks exactly that many levels with no leaf test (node i's children are 2i+1 and 2i+2), and rows are scored
/// in blocks, tree by tree, so each tree's nodes stay in the cache while the block walks it.
/// Padding repeats a shallow leaf's value under it, so padding nodes never change a result.
/// </summary>
internal sealed class CompiledForest
{
    /// <summary>Deeper forests are scored tree by tree on the original layout (2^depth nodes would be too many).</summary>
    public const int MaxCompiledDepth = 12;

    private const int Block = 64;

    private readonly int depth;
    private readonly int internalPerTree;
    private readonly int leavesPerTree;
    private readonly int[] feature;
    private readonly float[] threshold;
    private readonly double[] leaf;
    private readonly int treeCount;

    private CompiledForest(int depth, int treeCount)
    {
        this.depth = depth;
        this.treeCount = treeCount;
        internalPerTree = (1 << depth) - 1;
        leavesPerTree = 1 << depth;
        feature = new int[treeCount * internalPerTree];
        threshold = new float[treeCount * internalPerTree];
        leaf = new double[treeCount * leavesPerTree];
    }

    /// <summary>The compiled forest, or null when the trees are too deep to pad.</summary>
    public static CompiledForest? TryCompile(IReadOnlyList<RegressionTree> trees)
    {
        int depth = trees.Count == 0 ? 0 : trees.Max(t => t.Depth());
        if (depth > MaxCompiledDepth) return null;
        var forest = new CompiledForest(depth, trees.Count);
        for (int t = 0; t < trees.Count; t++) forest.Fill(t, trees[t], 0, 0, 0);
        return forest;
    }

    private void Fill(int t, RegressionTree tree, int node, int slot, int level)
    {
        if (level == depth)
        {
            leaf[(t * leavesPerTree) + slot - internalPerTree] = tree.Value[node];
            return;
        }

        int at = (t * internalPerTree) + slot;
        if (tree.IsLeaf(node))
        {
            // Both sides lead to the same value: the comparison is irrelevant.
            feature[at] = 0;
            threshold[at] = float.PositiveInfinity;
            Fill(t, tree, node, (2 * slot) + 1, level + 1);
            Fill(t, tree, node, (2 * slot) + 2, level + 1);
            return;
        }

        feature[at] = tree.Feature[node];
        threshold[at] = tree.Threshold[node];
        Fill(t, tree, tree.Left[node], (2 * slot) + 1, level + 1);
        Fill(t, tree, tree.Right[node], (2 * slot) + 2, level + 1);
    }

    /// <summary>Adds the sum of all trees' outputs to margins[i] for rows first..first+count.</summary>
    /// <remarks>
    /// The hot loop of scoring. Eight rows walk each tree together, so their chains of dependent loads overlap,
    /// and each step is a comparison turned into an index (no branch to mispredict). Indices are unchecked:
    /// every node index stays below 2^depth by construction, every feature index was checked against the model's
    /// features when the trees were built or read, and the caller checks the row width.
    /// </remarks>
    public void AddTo(float[] values, int columns, int firstRow, int count, Span<double> margins)
    {
        if ((long)(firstRow + count) * columns > values.Length) throw new ArgumentOutOfRangeException(nameof(count));
        if (margins.Length < count) throw new ArgumentOutOfRangeException(nameof(margins));
        ref float x = ref MemoryMarshal.GetArrayDataReference(values);
        ref double m = ref MemoryMarshal.GetReference(margins);
        for (int start = 0; start < count; start += Block)
        {
            int n = Math.Min(Block, count - start);
            for (int t = 0; t < treeCount; t++)
            {
                ref int feat = ref MemoryMarshal.GetArrayDataReference(feature);
                feat = ref Unsafe.Add(ref feat, t * internalPerTree);
                ref float thr = ref MemoryMarshal.GetArrayDataReference(threshold);
                thr = ref Unsafe.Add(ref thr, t * internalPerTree);
                ref double leaves = ref MemoryMarshal.GetArrayDataReference(leaf);
                leaves = ref Unsafe.Add(ref leaves, (t * leavesPerTree) - internalPerTree);
                int r = 0;
                for (; r + 8 <= n; r += 8)
                {
                    int o = (firstRow + start + r) * columns, c = columns;
                    int i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0, i6 = 0, i7 = 0;
                    for (int level = 0; level < depth; level++)
                    {
                        i0 = Step(ref x, o, ref feat, ref thr, i0);
                        i1 = Step(ref x, o + c, ref feat, ref thr, i1);
                        i2 = Step(ref x, o + (2 * c), ref feat, ref thr, i2);
                        i3 = Step(ref x, o + (3 * c), ref feat, ref thr, i3);
                        i4 = Step(ref x, o + (4 * c), ref feat, ref thr, i4);
                        i5 = Step(ref x, o + (5 * c), ref feat, ref thr, i5);
                        i6 = Step(ref x, o + (6 * c), ref feat, ref thr, i6);
                        i7 = Step(ref x, o + (7 * c), ref feat, ref thr, i7);
                    }

                    ref double at = ref Unsafe.Add(ref m, start + r);
                    at += Unsafe.Add(ref leaves, i0);
                    Unsafe.Add(ref at, 1) += Unsafe.Add(ref leaves, i1);
                    Unsafe.Add(ref at, 2) += Unsafe.Add(ref leaves, i2);
                    Unsafe.Add(ref at, 3) += Unsafe.Add(ref leaves, i3);
                    Unsafe.Add(ref at, 4) += Unsafe.Add(ref leaves, i4);
                    Unsafe.Add(ref at, 5) += Unsafe.Add(ref leaves, i5);
                    Unsafe.Add(ref at, 6) += Unsafe.Add(ref leaves, i6);
                    Unsafe.Add(ref at, 7) += Unsafe.Add(ref leaves, i7);
                }

                for (; r < n; r++)
                {
                    int o = (firstRow + start + r) * columns, i = 0;
                    for (int level = 0; level < depth; level++) i = Step(ref x, o, ref feat, ref thr, i);

                    Unsafe.Add(ref m, start + r) += Unsafe.Add(ref leaves, i);
                }
            }
        }
    }

    // One level down: left child 2i+1 when x <= threshold, else right child 2i+2 (NaN goes right). The comparison
    // becomes 0 or 1 arithmetically: a conditional here compiles to a branch that mispredicts half the time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref float x, int offset, ref int feat, ref float thr, int i)
    {
        bool left = Unsafe.Add(ref x, offset + Unsafe.Add(ref feat, i)) <= Unsafe.Add(ref thr, i);
        return (2 * i) + 2 - Unsafe.As<bool, byte>(ref left);
    }
}
