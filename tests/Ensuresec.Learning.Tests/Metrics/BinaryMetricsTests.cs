using Ensuresec.Learning.Metrics;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Learning.Tests.Metrics;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void RocAucAndAveragePrecision_MatchScikitLearn()
    {
        // sklearn: roc_auc_score / average_precision_score on the same inputs.
        BinaryMetrics.RocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).ShouldBe(0.75, 1e-12);
        BinaryMetrics.AveragePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).ShouldBe(0.8333333333333333, 1e-12);
        // With ties.
        BinaryMetrics.RocAuc([0, 1, 0, 1, 1], [0.5, 0.5, 0.2, 0.9, 0.5]).ShouldBe(0.8333333333333333, 1e-12);
        BinaryMetrics.AveragePrecision([0, 1, 0, 1, 1], [0.5, 0.5, 0.2, 0.9, 0.5]).ShouldBe(0.8333333333333333, 1e-12);
    }

    [Fact]
    public void RocAuc_OneClass_IsNaN() => double.IsNaN(BinaryMetrics.RocAuc([1, 1], [0.2, 0.3])).ShouldBeTrue();

    [Fact]
    public void RocAuc_IsInvariantUnderMonotoneTransforms()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var random = new Random(seed);
            int n = 5 + random.Next(50);
            var labels = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 1f : 0f).ToArray();
            var scores = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
            double auc = BinaryMetrics.RocAuc(labels, scores);
            double transformed = BinaryMetrics.RocAuc(labels, scores.Select(s => Math.Exp(3 * s)).ToArray());
            double flipped = BinaryMetrics.RocAuc(labels, scores.Select(s => -s).ToArray());
            return Math.Abs(auc - transformed) < 1e-12 && Math.Abs(auc + flipped - 1) < 1e-12;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void PrecisionAtK_CountsPositivesAmongTheTopScores()
    {
        BinaryMetrics.PrecisionAtK([1, 0, 1, 0], [0.9, 0.8, 0.1, 0.7], 2).ShouldBe(0.5);
        BinaryMetrics.PrecisionAtK([1, 0, 1, 0], [0.9, 0.8, 0.1, 0.7], 10).ShouldBe(0.5);
    }

    [Fact]
    public void EntityPrecisionAtK_RanksCardsByTheirHighestScorePerDay()
    {
        // Day 1: card a (max 0.9, fraud), card b (0.8, clean), card c (0.1, fraud): top 2 → a, b → 1/2.
        // Day 2: a was found on day 1 and is left out; b (0.3, fraud) is the only card → 1/2 (k = 2).
        float[] labels = [1, 0, 0, 1, 0, 1];
        double[] scores = [0.9, 0.2, 0.8, 0.1, 0.2, 0.3];
        string[] day = ["1", "1", "1", "1", "2", "2"];
        string[] card = ["a", "a", "b", "c", "a", "b"];

        BinaryMetrics.EntityPrecisionAtK(labels, scores, day, card, 2).ShouldBe(0.5, 1e-12);
        // k = 1: day 1 → a (fraud, now known); day 2 → b (a is left out anyway) → 1.
        BinaryMetrics.EntityPrecisionAtK(labels, scores, day, card, 1).ShouldBe(1.0, 1e-12);
    }

    [Fact]
    public void EntityPrecisionAtK_CardsFoundOnAnEarlierDay_AreLeftOutLater()
    {
        // Day 9 ranks a first (fraud). Day 10: a again has the top score, but it is known: the top 1 is b (clean).
        // Days order numerically (9 before 10), not as text.
        float[] labels = [1, 1, 0];
        double[] scores = [0.9, 0.95, 0.5];
        string[] day = ["10", "9", "10"];
        string[] card = ["a", "a", "b"];

        BinaryMetrics.EntityPrecisionAtK(labels, scores, day, card, 1).ShouldBe(0.5, 1e-12);
    }

    [Fact]
    public void ConfusionAt_CountsEachCell()
    {
        var c = BinaryMetrics.ConfusionAt([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.1, 0.5], 0.5);

        (c.TruePositives, c.FalsePositives, c.TrueNegatives, c.FalseNegatives).ShouldBe((2L, 1L, 1L, 1L));
        c.Precision.ShouldBe(2.0 / 3, 1e-12);
        c.Recall.ShouldBe(2.0 / 3, 1e-12);
    }

    [Fact]
    public void Calibration_PerfectlyCalibratedBins_HaveNoError()
    {
        var cal = BinaryMetrics.CalibrationOf([1, 0, 0, 0, 1, 1, 1, 0], [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75], bins: 4);

        cal.ExpectedCalibrationError.ShouldBe(0, 1e-12);
        cal.Brier.ShouldBe(0.1875, 1e-12);
        cal.Bins.Count.ShouldBe(2);
    }

    [Fact]
    public void Metrics_NaNScoresOrLengthMismatch_AreRefused()
    {
        Should.Throw<ArgumentException>(() => BinaryMetrics.RocAuc([0, 1], [0.5, double.NaN]));
        Should.Throw<ArgumentException>(() => BinaryMetrics.AveragePrecision([0, 1], [0.5]));
    }
}
