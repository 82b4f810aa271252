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

    /// <summary>Adds the sum of all trees' outputs to margins[i] for rows[i], for rows first..first+count.</summary>
    public void AddTo(float[] values, int columns, int firstRow, int count, Span<double> margins)
    {
        for (int start = 0; start < count; start += Block)
        {
            int n = Math.Min(Block, count - start);
            var block = margins.Slice(start, n);
            for (int t = 0; t < treeCount; t++)
            {
                var feat = feature.AsSpan(t * internalPerTree, internalPerTree);
                var thr = threshold.AsSpan(t * internalPerTree, internalPerTree);
                var leaves = leaf.AsSpan(t * leavesPerTree, leavesPerTree);
                for (int r = 0; r < n; r++)
                {
                    var row = values.AsSpan((firstRow + start + r) * columns, columns);
                    int i = 0;
                    for (int level = 0; level < depth; level++)
                    {
                        i = (2 * i) + (row[feat[i]] <= thr[i] ? 1 : 2);
                    }

                    block[r] += leaves[i - internalPerTree];
                }
            }
        }
    }
}
