namespace Ensuresec.Learning.Trees;

/// <summary>
/// One binary tree as parallel arrays. Node 0 is the root; an internal node sends a row left when
/// <c>row[Feature] &lt;= Threshold</c> (NaN goes right) and a leaf has Feature -1. Children always come after
/// their parent, so a tree has no cycles. Cover is the training weight (hessian sum) that reached the node,
/// which TreeSHAP uses as the conditional expectation of the features a coalition leaves out.
/// </summary>
internal sealed class RegressionTree
{
    public RegressionTree(int[] feature, float[] threshold, int[] left, int[] right, double[] value, double[] cover)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Value = value;
        Cover = cover;
    }

    public int[] Feature { get; }

    public float[] Threshold { get; }

    public int[] Left { get; }

    public int[] Right { get; }

    /// <summary>Leaf output (margin units, learning rate included); unused on internal nodes.</summary>
    public double[] Value { get; }

    public double[] Cover { get; }

    public int NodeCount => Feature.Length;

    public bool IsLeaf(int node) => Feature[node] < 0;

    public double Predict(ReadOnlySpan<float> row)
    {
        int node = 0;
        while (Feature[node] >= 0) node = row[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        return Value[node];
    }

    /// <summary>The depth of the deepest leaf (0 for a single leaf).</summary>
    public int Depth()
    {
        var depth = new int[NodeCount];
        int max = 0;
        for (int n = 0; n < NodeCount; n++)
        {
            if (IsLeaf(n)) continue;
            depth[Left[n]] = depth[Right[n]] = depth[n] + 1;
            max = Math.Max(max, depth[n] + 1);
        }

        return max;
    }

    /// <summary>Why a tree read from a file cannot be used, or null when its structure is sound.</summary>
    public string? Problem(int featureCount)
    {
        int n = NodeCount;
        if (n == 0) return "has no nodes";
        if (Threshold.Length != n || Left.Length != n || Right.Length != n || Value.Length != n || Cover.Length != n)
        {
            return "has arrays of different lengths";
        }

        var parents = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(Value[i]) || !double.IsFinite(Cover[i]) || Cover[i] < 0) return $"node {i} has a non-finite value or cover";
            if (Feature[i] < 0) continue;
            if (Feature[i] >= featureCount) return $"node {i} uses feature {Feature[i]} of {featureCount}";
            if (!float.IsFinite(Threshold[i])) return $"node {i} has a non-finite threshold";
            if (Left[i] <= i || Right[i] <= i || Left[i] >= n || Right[i] >= n || Left[i] == Right[i])
            {
                return $"node {i} has children out of order or out of range";
            }

            if (++parents[Left[i]] > 1 || ++parents[Right[i]] > 1) return $"node {i} shares a child with another node";
        }

        for (int i = 1; i < n; i++)
        {
            if (parents[i] != 1) return $"node {i} is not reachable from the root";
        }

        return null;
    }
}
