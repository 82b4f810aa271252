using Ensuresec.Learning.Data;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Learning.Anomaly;

/// <summary>
/// Trains an isolation forest: random trees on small samples, split on a random feature at a random value
/// between the sample's minimum and maximum, down to depth ⌈log₂ ψ⌉. Rows that isolate early are anomalous.
/// Each tree is one seeded generator derived from the forest's seed, so the result is the same on any thread count.
/// </summary>
public static class IsolationForest
{
    public static IsolationForestModel Train(FeatureMatrix x, IsolationForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        if (x.Rows < 2) throw new ArgumentException("an isolation forest needs at least 2 rows", nameof(x));
        int sample = Math.Min(options.SampleSize, x.Rows);
        int maxDepth = (int)Math.Ceiling(Math.Log2(sample));
        double scale = -1.0 / (options.Trees * IsolationForestModel.AveragePathLength(sample));
        var seeds = new Random(options.Seed);
        var treeSeeds = Enumerable.Range(0, options.Trees).Select(_ => seeds.Next()).ToArray();
        var trees = new RegressionTree[options.Trees];
        Parallel.For(0, options.Trees, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, t =>
        {
            var random = new Random(treeSeeds[t]);
            var rows = Enumerable.Range(0, x.Rows).ToArray();
            random.Shuffle(rows);
            trees[t] = Grow(x, rows[..sample], maxDepth, scale, random);
        });
        return new IsolationForestModel(x.Names, sample, trees);
    }

    private static RegressionTree Grow(FeatureMatrix x, int[] rows, int maxDepth, double scale, Random random)
    {
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<double>();
        var cover = new List<double>();
        var pending = new Stack<(int Node, int[] Rows, int Depth)>();

        int Add(int count)
        {
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            value.Add(0);
            cover.Add(count);
            return feature.Count - 1;
        }

        pending.Push((Add(rows.Length), rows, 0));
        while (pending.Count > 0)
        {
            var (node, nodeRows, depth) = pending.Pop();
            var split = depth < maxDepth && nodeRows.Length > 1 ? ChooseSplit(x, nodeRows, random) : null;
            if (split is not { } s)
            {
                // Leaf: the path so far plus the expected path length of the rows it still holds, scaled so that
                // the forest's sum is -E[h(x)] / c(ψ).
                value[node] = scale * (depth + IsolationForestModel.AveragePathLength(nodeRows.Length));
                continue;
            }

            var goLeft = nodeRows.Where(r => x[r, s.Feature] <= s.Threshold).ToArray();
            var goRight = nodeRows.Where(r => !(x[r, s.Feature] <= s.Threshold)).ToArray();
            feature[node] = s.Feature;
            threshold[node] = s.Threshold;
            left[node] = Add(goLeft.Length);
            right[node] = Add(goRight.Length);
            pending.Push((right[node], goRight, depth + 1));
            pending.Push((left[node], goLeft, depth + 1));
        }

        return new RegressionTree([.. feature], [.. threshold], [.. left], [.. right], [.. value], [.. cover]);
    }

    private static (int Feature, float Threshold)? ChooseSplit(FeatureMatrix x, int[] rows, Random random)
    {
        // A random feature among those that still vary in this node.
        var candidates = new List<(int Feature, float Min, float Max)>();
        for (int f = 0; f < x.Columns; f++)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (int r in rows)
            {
                min = Math.Min(min, x[r, f]);
                max = Math.Max(max, x[r, f]);
            }

            if (max > min) candidates.Add((f, min, max));
        }

        if (candidates.Count == 0) return null;
        var (feature, lo, hi) = candidates[random.Next(candidates.Count)];
        float t = (float)(lo + (random.NextDouble() * ((double)hi - lo)));
        // Keep at least one row on each side: the threshold must be below the maximum.
        if (t >= hi) t = lo;
        return (feature, t);
    }
}
