using Ensuresec.Learning.Trees;

namespace Ensuresec.Learning.Explain;

/// <summary>
/// Exact Shapley values of one tree's output in polynomial time (Lundberg, Erion, Lee 2018, "Consistent
/// individualized feature attribution for tree ensembles", Algorithm 2). The value of a coalition S is the
/// path-dependent expectation: at a split on a feature in S follow the row, otherwise average both children
/// weighted by their training cover. The tests check it against brute force over all coalitions.
/// </summary>
internal static class TreeShap
{
    /// <summary>Adds the row's Shapley values for this tree to phi and returns the tree's expected output.</summary>
    public static double Add(RegressionTree tree, ReadOnlySpan<float> row, double[] phi)
    {
        var path = new PathElement[(tree.Depth() + 2) * (tree.Depth() + 3) / 2];
        Recurse(tree, row, phi, 0, path, 0, 0, 1, 1, -1);
        return Expected(tree, 0);
    }

    internal static double Expected(RegressionTree tree, int node) =>
        tree.IsLeaf(node)
            ? tree.Value[node]
            : tree.Cover[node] <= 0
                ? (Expected(tree, tree.Left[node]) + Expected(tree, tree.Right[node])) / 2
                : ((tree.Cover[tree.Left[node]] * Expected(tree, tree.Left[node])) + (tree.Cover[tree.Right[node]] * Expected(tree, tree.Right[node]))) / tree.Cover[node];

    // The path of unique features from the root, stored at path[offset..offset+length); each level of recursion
    // copies it to a fresh slice after its parent's, so siblings never see each other's changes.
    private static void Recurse(
        RegressionTree tree, ReadOnlySpan<float> row, double[] phi, int node,
        PathElement[] path, int offset, int length, double zeroFraction, double oneFraction, int feature)
    {
        if (length > 0) Array.Copy(path, offset - length, path, offset, length);
        var m = path.AsSpan(offset);
        Extend(m, length, zeroFraction, oneFraction, feature);
        length++;

        if (tree.IsLeaf(node))
        {
            for (int i = 1; i < length; i++)
            {
                double w = UnwoundSum(m, length, i);
                phi[m[i].Feature] += w * (m[i].One - m[i].Zero) * tree.Value[node];
            }

            return;
        }

        int split = tree.Feature[node];
        bool goesLeft = row[split] <= tree.Threshold[node];
        int hot = goesLeft ? tree.Left[node] : tree.Right[node];
        int cold = goesLeft ? tree.Right[node] : tree.Left[node];
        double cover = tree.Cover[node];
        double hotShare = cover > 0 ? tree.Cover[hot] / cover : 0.5;
        double coldShare = cover > 0 ? tree.Cover[cold] / cover : 0.5;

        double incomingZero = 1, incomingOne = 1;
        for (int k = 1; k < length; k++)
        {
            if (m[k].Feature != split) continue;
            incomingZero = m[k].Zero;
            incomingOne = m[k].One;
            Unwind(m, length, k);
            length--;
            break;
        }

        int next = offset + length;
        Recurse(tree, row, phi, hot, path, next, length, incomingZero * hotShare, incomingOne, split);
        Recurse(tree, row, phi, cold, path, next, length, incomingZero * coldShare, 0, split);
    }

    private static void Extend(Span<PathElement> m, int length, double zero, double one, int feature)
    {
        m[length] = new PathElement { Feature = feature, Zero = zero, One = one, Weight = length == 0 ? 1 : 0 };
        for (int i = length - 1; i >= 0; i--)
        {
            m[i + 1].Weight += one * m[i].Weight * (i + 1) / (length + 1);
            m[i].Weight = zero * m[i].Weight * (length - i) / (length + 1);
        }
    }

    private static void Unwind(Span<PathElement> m, int length, int index)
    {
        int last = length - 1;
        double one = m[index].One, zero = m[index].Zero;
        double n = m[last].Weight;
        for (int j = last - 1; j >= 0; j--)
        {
            if (one != 0)
            {
                double t = m[j].Weight;
                m[j].Weight = n * (last + 1) / ((j + 1) * one);
                n = t - (m[j].Weight * zero * (last - j) / (last + 1));
            }
            else
            {
                m[j].Weight = m[j].Weight * (last + 1) / (zero * (last - j));
            }
        }

        for (int j = index; j < last; j++)
        {
            m[j].Feature = m[j + 1].Feature;
            m[j].Zero = m[j + 1].Zero;
            m[j].One = m[j + 1].One;
        }
    }

    // The total weight of the path with element `index` unwound, without changing the path.
    private static double UnwoundSum(Span<PathElement> m, int length, int index)
    {
        int last = length - 1;
        double one = m[index].One, zero = m[index].Zero;
        double n = m[last].Weight, total = 0;
        for (int j = last - 1; j >= 0; j--)
        {
            if (one != 0)
            {
                double t = n * (last + 1) / ((j + 1) * one);
                total += t;
                n = m[j].Weight - (t * zero * (last - j) / (last + 1));
            }
            else
            {
                total += m[j].Weight * (last + 1) / (zero * (last - j));
            }
        }

        return total;
    }

    private struct PathElement
    {
        public int Feature;
        public double Zero;
        public double One;
        public double Weight;
    }
}
