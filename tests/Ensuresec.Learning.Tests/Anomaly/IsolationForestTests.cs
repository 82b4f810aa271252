using Ensuresec.Learning.Anomaly;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Metrics;
using Ensuresec.Learning.Models;

namespace Ensuresec.Learning.Tests.Anomaly;

public sealed class IsolationForestTests
{
    [Fact]
    public void Score_PlantedOutliers_RankAboveTheCluster()
    {
        // 1,000 points around the origin and 20 far away: the far ones must isolate first.
        var random = new Random(5);
        int n = 1020;
        var values = new float[n * 2];
        var labels = new float[n];
        for (int r = 0; r < n; r++)
        {
            bool outlier = r >= 1000;
            values[2 * r] = (float)((random.NextDouble() - 0.5) * (outlier ? 20 : 1));
            values[(2 * r) + 1] = (float)((random.NextDouble() - 0.5) * (outlier ? 20 : 1)) + (outlier ? 8 : 0);
            labels[r] = outlier ? 1 : 0;
        }

        var x = new FeatureMatrix(values, n, ["a", "b"]);
        var model = IsolationForest.Train(x, new IsolationForestOptions { Seed = 1 });
        var scores = new double[n];
        model.ScoreAll(x, scores, 2);

        BinaryMetrics.RocAuc(labels, scores).ShouldBeGreaterThan(0.99);
        scores.Take(1000).Average().ShouldBeLessThan(0.5);
        scores.Skip(1000).Average().ShouldBeGreaterThan(0.6);
    }

    [Fact]
    public void Train_SameSeed_SameForestOnAnyThreadCount()
    {
        var x = Synthetic.Interaction(500, 3, seed: 2).Features;

        string one = ModelFile.Write(IsolationForest.Train(x, new IsolationForestOptions { Seed = 9, Threads = 1 }), "t");
        string two = ModelFile.Write(IsolationForest.Train(x, new IsolationForestOptions { Seed = 9, Threads = 2 }), "t");

        two.ShouldBe(one);
    }

    [Fact]
    public void AveragePathLength_MatchesThePaper()
    {
        IsolationForestModel.AveragePathLength(2).ShouldBe(1);
        // c(256) = 2 H(255) - 2·255/256 with H(i) ≈ ln(i) + γ: 10.2448...
        IsolationForestModel.AveragePathLength(256).ShouldBe(10.2448, 1e-3);
    }
}
