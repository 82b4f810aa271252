using Ensuresec.Learning.Data;
using Ensuresec.Learning.Metrics;
using Ensuresec.Learning.Models;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Learning.Tests.Trees;

public sealed class GbdtTrainerTests
{
    [Fact]
    public void Train_OneStumpWithoutShrinkage_HasTheNewtonLeafValues()
    {
        // x = 0 → y = 0, x = 1 → y = 1, 10 rows each. Base margin 0 (p = 0.5), so g = ±0.5 and h = 0.25 per row:
        // with lambda = 0 each leaf is -G/H = ∓2.
        var values = Enumerable.Range(0, 20).Select(i => i < 10 ? 0f : 1f).ToArray();
        var data = new LabeledData(new FeatureMatrix(values, 20, ["x"]), [.. values]);
        var options = new GbdtOptions { Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 0, MinChildWeight = 0, Threads = 1 };

        var model = GbdtTrainer.Train(data, options).Model;

        var tree = model.Trees.ShouldHaveSingleItem();
        model.BaseMargin.ShouldBe(0, 1e-12);
        tree.Threshold[0].ShouldBe(0.5f);
        tree.Value[tree.Left[0]].ShouldBe(-2, 1e-9);
        tree.Value[tree.Right[0]].ShouldBe(2, 1e-9);
        tree.Cover[0].ShouldBe(5, 1e-6);
    }

    [Fact]
    public void Train_InteractionData_RanksHeldOutRowsAlmostPerfectly()
    {
        var train = Synthetic.Interaction(4000, 5, seed: 1);
        var test = Synthetic.Interaction(2000, 5, seed: 2);

        var model = GbdtTrainer.Train(train, new GbdtOptions { Trees = 50, Threads = 2 }).Model;

        var scores = new double[test.Rows];
        model.ScoreAll(test.Features, scores, 2);
        BinaryMetrics.RocAuc(test.Labels, scores).ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void Train_SameSeed_GivesTheSameModelOnOneOrTwoThreads()
    {
        var data = Synthetic.Interaction(3000, 6, seed: 3);
        var options = new GbdtOptions { Trees = 20, Subsample = 0.7, ColumnSample = 0.5, Seed = 42 };

        string one = ModelFile.Write(GbdtTrainer.Train(data, options with { Threads = 1 }).Model, "test");
        string two = ModelFile.Write(GbdtTrainer.Train(data, options with { Threads = 2 }).Model, "test");
        string otherSeed = ModelFile.Write(GbdtTrainer.Train(data, options with { Seed = 43 }).Model, "test");

        two.ShouldBe(one);
        otherSeed.ShouldNotBe(one);
    }

    [Fact]
    public void Train_WithEarlyStopping_KeepsTheRoundWithTheLowestValidationLoss()
    {
        // Heavy label noise: validation loss turns up after a few rounds of a fast learner.
        var train = Synthetic.Interaction(800, 10, seed: 4, noise: 0.3);
        var valid = Synthetic.Interaction(800, 10, seed: 5, noise: 0.3);
        var options = new GbdtOptions { Trees = 300, LearningRate = 0.5, MaxDepth = 6, EarlyStoppingRounds = 5, Threads = 2 };

        var result = GbdtTrainer.Train(train, options, valid);

        result.Model.TreeCount.ShouldBe(result.BestRound + 1);
        result.ValidationLogLoss.Count.ShouldBeLessThan(300);
        result.ValidationLogLoss.Count.ShouldBe(result.BestRound + 1 + 5);
        result.ValidationLogLoss.Min().ShouldBe(result.ValidationLogLoss[result.BestRound]);
    }

    [Fact]
    public void Train_DepthAndLeafLimits_AreRespected()
    {
        var data = Synthetic.Interaction(2000, 4, seed: 6, noise: 0.2);

        var deep = GbdtTrainer.Train(data, new GbdtOptions { Trees = 5, MaxDepth = 3, Threads = 1 }).Model;
        var few = GbdtTrainer.Train(data, new GbdtOptions { Trees = 5, MaxDepth = 8, MaxLeaves = 4, Threads = 1 }).Model;

        deep.Trees.ShouldAllBe(t => t.Depth() <= 3);
        few.Trees.ShouldAllBe(t => t.Feature.Count(f => f < 0) <= 4);
    }

    [Fact]
    public void Train_MinChildWeightAboveTheData_GrowsNoSplit()
    {
        var data = Synthetic.Interaction(100, 3, seed: 7);

        var model = GbdtTrainer.Train(data, new GbdtOptions { Trees = 3, MinChildWeight = 1000, Threads = 1 }).Model;

        model.Trees.ShouldAllBe(t => t.NodeCount == 1);
    }

    [Fact]
    public void Train_PositiveClassWeight_RaisesThePriorBaseMargin()
    {
        var data = Synthetic.Interaction(1000, 3, seed: 8);
        var plain = GbdtTrainer.Train(data, new GbdtOptions { Trees = 1, BaseScore = null, Threads = 1 }).Model;
        var weighted = GbdtTrainer.Train(data, new GbdtOptions { Trees = 1, BaseScore = null, PositiveClassWeight = 5, Threads = 1 }).Model;
        var fixedStart = GbdtTrainer.Train(data, new GbdtOptions { Trees = 1, BaseScore = 0.2, Threads = 1 }).Model;

        double positives = data.Labels.Sum();
        plain.BaseMargin.ShouldBe(Math.Log(positives / (data.Rows - positives)), 1e-9);
        weighted.BaseMargin.ShouldBe(Math.Log(5 * positives / (data.Rows - positives)), 1e-9);
        fixedStart.BaseMargin.ShouldBe(Math.Log(0.2 / 0.8), 1e-12);
    }

    [Fact]
    public void Train_OneClassOnly_IsRefusedWithAReason()
    {
        var data = new LabeledData(new FeatureMatrix([1f, 2f, 3f], 3, ["x"]), [0f, 0f, 0f]);

        Should.Throw<ArgumentException>(() => GbdtTrainer.Train(data, new GbdtOptions())).Message.ShouldContain("one class");
    }

    [Fact]
    public void Validate_ReportsEveryBadSetting()
    {
        var errors = new GbdtOptions { Trees = 0, LearningRate = 2, MaxBins = 100_000, Subsample = 0, PositiveClassWeight = double.NaN, BaseScore = 1 }.Validate();

        errors.Count.ShouldBe(6);
        Should.Throw<ArgumentException>(() => GbdtTrainer.Train(Synthetic.Interaction(10, 2, 1), new GbdtOptions { Trees = 0 }));
    }

    [Fact]
    public void ScoreAll_CompiledForest_EqualsWalkingEachTree()
    {
        var data = Synthetic.Interaction(3000, 6, seed: 9, noise: 0.1);
        var model = GbdtTrainer.Train(data, new GbdtOptions { Trees = 30, MaxDepth = 5, MaxLeaves = 12, Threads = 2 }).Model;
        var test = Synthetic.Interaction(5000, 6, seed: 10).Features;

        var scores = new double[test.Rows];
        model.ScoreAll(test, scores, 2);

        for (int r = 0; r < test.Rows; r++) scores[r].ShouldBe(model.Score(test.Row(r)), 1e-12);
    }
}
