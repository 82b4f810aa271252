using Ensuresec.Learning.Anomaly;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Learning.Tests.Explain;

public sealed class TreeShapTests
{
    [Theory]
    [InlineData(1, 3, 4)]
    [InlineData(2, 4, 5)]
    [InlineData(3, 6, 3)]
    public void Explain_SmallForests_EqualsBruteForceShapleyValues(int seed, int depth, int features)
    {
        var data = Synthetic.Interaction(600, features, seed, noise: 0.15);
        var model = GbdtTrainer.Train(data, new GbdtOptions { Trees = 4, MaxDepth = depth, Threads = 1 }).Model;
        var rows = Synthetic.Interaction(20, features, seed + 100).Features;

        for (int r = 0; r < rows.Rows; r++)
        {
            var row = rows.Row(r).ToArray();
            var explanation = model.Explain(row);
            var expected = new double[features];
            foreach (var tree in model.Trees)
            {
                var phi = BruteForce(tree, row);
                for (int f = 0; f < features; f++) expected[f] += phi[f];
            }

            for (int f = 0; f < features; f++) explanation.Contributions[f].ShouldBe(expected[f], 1e-9, $"row {r} feature {f}");
        }
    }

    [Fact]
    public void Explain_Contributions_AddUpToTheMargin()
    {
        var data = Synthetic.Interaction(2000, 6, seed: 11, noise: 0.1);
        var model = GbdtTrainer.Train(data, new GbdtOptions { Trees = 40, Threads = 2 }).Model;

        for (int r = 0; r < 50; r++)
        {
            var row = data.Features.Row(r);
            model.Explain(row).RawOutput.ShouldBe(model.Margin(row), 1e-9);
        }
    }

    [Fact]
    public void Explain_IsolationForest_AddsUpToTheRawOutput()
    {
        var data = Synthetic.Interaction(500, 4, seed: 12).Features;
        var model = IsolationForest.Train(data, new IsolationForestOptions { Trees = 20, SampleSize = 64, Seed = 1 });

        for (int r = 0; r < 20; r++) model.Explain(data.Row(r)).RawOutput.ShouldBe(model.Raw(data.Row(r)), 1e-9);
    }

    [Fact]
    public void Explain_FeatureTheTreeNeverSplitsOn_GetsZero()
    {
        var data = Synthetic.Interaction(1000, 5, seed: 13, noise: 0);
        var model = GbdtTrainer.Train(data, new GbdtOptions { Trees = 3, MaxDepth = 2, Threads = 1 }).Model;
        var used = model.Trees.SelectMany(t => t.Feature).Where(f => f >= 0).ToHashSet();

        var explanation = model.Explain(data.Features.Row(0));

        for (int f = 0; f < 5; f++)
        {
            if (!used.Contains(f)) explanation.Contributions[f].ShouldBe(0);
        }
    }

    // Shapley values straight from the definition, over all 2^n coalitions.
    private static double[] BruteForce(RegressionTree tree, float[] row)
    {
        int n = row.Length;
        var phi = new double[n];
        var factorial = new double[n + 1];
        factorial[0] = 1;
        for (int i = 1; i <= n; i++) factorial[i] = factorial[i - 1] * i;
        for (int i = 0; i < n; i++)
        {
            for (int s = 0; s < 1 << n; s++)
            {
                if ((s & (1 << i)) != 0) continue;
                int size = System.Numerics.BitOperations.PopCount((uint)s);
                double weight = factorial[size] * factorial[n - size - 1] / factorial[n];
                phi[i] += weight * (Value(tree, row, s | (1 << i), 0) - Value(tree, row, s, 0));
            }
        }

        return phi;
    }

    private static double Value(RegressionTree tree, float[] row, int coalition, int node)
    {
        if (tree.IsLeaf(node)) return tree.Value[node];
        int f = tree.Feature[node];
        if ((coalition & (1 << f)) != 0) return Value(tree, row, coalition, row[f] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node]);
        double l = tree.Cover[tree.Left[node]], r = tree.Cover[tree.Right[node]];
        return ((l * Value(tree, row, coalition, tree.Left[node])) + (r * Value(tree, row, coalition, tree.Right[node]))) / (l + r);
    }
}
