using Ensuresec.Learning.Data;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Learning.Tests.Trees;

public sealed class BinMapperTests
{
    private static FeatureMatrix Counting(int rows) => new([.. Enumerable.Range(0, rows).Select(i => (float)i)], rows, ["x"]);

    [Fact]
    public void Fit_WithoutWeights_MakesBinsOfEqualRowCount()
    {
        var bounds = BinMapper.Fit(Counting(1000), 10, 1).Upper[0];

        bounds.ShouldBe([99.5f, 199.5f, 299.5f, 399.5f, 499.5f, 599.5f, 699.5f, 799.5f, 899.5f]);
    }

    [Fact]
    public void Fit_WithWeights_MakesBinsOfEqualWeight()
    {
        // Rows 900-999 weigh 100 each, the rest 1: a tenth of the total (1,090) is reached at row 901, and the
        // other eight bounds share out the heavy rows.
        var weights = Enumerable.Range(0, 1000).Select(i => i >= 900 ? 100f : 1f).ToArray();

        var bounds = BinMapper.Fit(Counting(1000), 10, 1, weights).Upper[0];

        bounds.Length.ShouldBe(9);
        bounds[0].ShouldBe(901.5f);
        bounds.ShouldAllBe(b => b > 900);
        bounds.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void Fit_WeightsOfTheWrongLength_AreRefused() =>
        Should.Throw<ArgumentException>(() => BinMapper.Fit(Counting(10), 4, 1, new float[9]));

    [Fact]
    public void Train_SketchRounds_PlaceTheBinsWhereTheFirstModelIsUnsure()
    {
        // The label is x > 0.955; with 8 bins of equal count the nearest bound is 0.875, so the root split misses the
        // rule; bins weighted by a first model's hessians close in on it.
        var random = new Random(11);
        var values = Enumerable.Range(0, 4000).Select(_ => (float)random.NextDouble()).ToArray();
        var data = new LabeledData(new FeatureMatrix(values, values.Length, ["x"]), [.. values.Select(v => v > 0.955f ? 1f : 0f)]);
        var options = new GbdtOptions { Trees = 20, MaxDepth = 1, MaxBins = 8, Threads = 1 };

        var plain = GbdtTrainer.Train(data, options with { SketchRounds = 0 }).Model;
        var sketched = GbdtTrainer.Train(data, options with { SketchRounds = 10 }).Model;

        Math.Abs(plain.Trees[0].Threshold[0] - 0.955).ShouldBeGreaterThan(0.05);
        sketched.Trees[0].Threshold[0].ShouldBe(0.955f, 0.01f);
    }

    [Fact]
    public void Validate_NegativeSketchRounds_IsAnError() =>
        new GbdtOptions { SketchRounds = -1 }.Validate().ShouldHaveSingleItem().ShouldStartWith("sketch-rounds");
}
