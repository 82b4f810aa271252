using System.Runtime.Intrinsics.X86;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Trees;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Learning.Tests.Trees;

/// <summary>
/// The fast scorers (<see cref="BinnedForest"/> on AVX-512 and on AVX2, <see cref="CompiledForest"/>) against the
/// plain tree walk, on random forests and rows made to hit the hard cases: values exactly on a threshold and one
/// float step either side, NaN, infinities, both zeros. The sums must be bit-identical, not merely close.
/// </summary>
public sealed class ForestScorerTests
{
    private static readonly float[] Specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.MaxValue, float.MinValue];

    [Fact]
    public void BinnedForest_RandomForestsAndRows_EqualTheTreeWalkBitForBit()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            int features = random.Next(1, 21);
            var trees = RandomForest(random, features, maxDepth: BinnedForest.MaxDepth);
            var (values, rows) = RandomRows(random, trees, features);
            var expected = Walk(trees, values, features, rows);
            foreach (bool avx512 in new[] { true, false })
            {
                var forest = BinnedForest.TryCompile(trees, features, avx512);
                bool supported = avx512 ? Avx512Vbmi.IsSupported && features <= 64 : Avx2.IsSupported && features <= 16;
                if (forest is null)
                {
                    if (supported) return false;
                    continue;
                }

                if (!SameMargins(expected, (first, count, margins) => forest.AddTo(values, features, first, count, margins))) return false;
            }

            var compiled = CompiledForest.TryCompile(trees)!;
            return SameMargins(expected, (first, count, margins) => compiled.AddTo(values, features, first, count, margins));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void BinnedForest_MoreThan255ThresholdsOnAFeature_IsNotUsedAndScoringStillMatches()
    {
        // 256 one-split trees on distinct thresholds of feature 0: no byte can order them.
        var trees = Enumerable.Range(0, 256).Select(i => Stump(0, i + 0.5f, -1, 1)).ToList();
        BinnedForest.TryCompile(trees, 1, avx512: true).ShouldBeNull();
        BinnedForest.TryCompile(trees, 1, avx512: false).ShouldBeNull();

        var model = new GbdtModel(["x"], 0, trees);
        model.ScoresBinned.ShouldBeFalse();
        var rows = new FeatureMatrix([.. Enumerable.Range(0, 300).Select(i => i * 0.9f)], 300, ["x"]);
        var scores = new double[rows.Rows];
        model.ScoreAll(rows, scores, 2);
        for (int r = 0; r < rows.Rows; r++) scores[r].ShouldBe(model.Score(rows.Row(r)));
    }

    [Fact]
    public void BinnedForest_DeeperThanSix_IsNotUsed()
    {
        var random = new Random(5);
        var deep = RandomForest(random, 3, maxDepth: 7);
        while (deep.Max(t => t.Depth()) < 7) deep = RandomForest(random, 3, maxDepth: 7);

        BinnedForest.TryCompile(deep, 3, avx512: true).ShouldBeNull();
        BinnedForest.TryCompile(deep, 3, avx512: false).ShouldBeNull();
    }

    [Fact]
    public void GbdtModel_ScoreAll_UsesTheBinnedForestWhereTheProcessorAllowsAndMatchesScore()
    {
        var data = Synthetic.Interaction(3000, 6, seed: 9, noise: 0.1);
        var model = GbdtTrainer.Train(data, new GbdtOptions { Trees = 40, MaxDepth = 6, Threads = 2 }).Model;
        var test = Synthetic.Interaction(5000, 6, seed: 10).Features;

        model.ScoresBinned.ShouldBe(BinnedForest.Supports(6));
        var binned = new double[test.Rows];
        var compiled = new double[test.Rows];
        model.ScoreAll(test, binned, 2, useBinned: true);
        model.ScoreAll(test, compiled, 1, useBinned: false);

        binned.ShouldBe(compiled);
        for (int r = 0; r < test.Rows; r++) binned[r].ShouldBe(model.Score(test.Row(r)));
    }

    [Fact]
    public void BinnedForest_RowsOfTheWrongWidth_AreRefused()
    {
        var forest = BinnedForest.TryCompile([Stump(0, 0.5f, -1, 1)], 2);
        if (forest is null) return; // this processor has neither AVX2 nor AVX-512: nothing to refuse
        Should.Throw<ArgumentException>(() => forest.AddTo(new float[9], 3, 0, 3, new double[3]));
        Should.Throw<ArgumentOutOfRangeException>(() => forest.AddTo(new float[6], 2, 1, 3, new double[3]));
        Should.Throw<ArgumentOutOfRangeException>(() => forest.AddTo(new float[6], 2, 0, 3, new double[2]));
    }

    private static RegressionTree Stump(int feature, float threshold, double left, double right) =>
        new([feature, -1, -1], [threshold, 0, 0], [1, -1, -1], [2, -1, -1], [0, left, right], [2, 1, 1]);

    // Thresholds come from a small pool per feature, so trees share them and rows land on them often.
    private static List<RegressionTree> RandomForest(Random random, int features, int maxDepth)
    {
        var pool = new float[features][];
        for (int f = 0; f < features; f++)
        {
            pool[f] = [.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (float)Math.Round((random.NextDouble() * 200) - 100, random.Next(0, 3)))];
            if (random.Next(4) == 0) pool[f][0] = random.Next(2) == 0 ? 0f : -0f;
        }

        return [.. Enumerable.Range(0, random.Next(1, 14)).Select(_ => RandomTree(random, pool, maxDepth))];
    }

    private static RegressionTree RandomTree(Random random, float[][] pool, int maxDepth)
    {
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<double>();

        int Grow(int depth)
        {
            int node = feature.Count;
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            value.Add((random.NextDouble() * 2) - 1);
            if (depth == maxDepth || random.Next(5) == 0) return node;
            int f = random.Next(pool.Length);
            feature[node] = f;
            threshold[node] = pool[f][random.Next(pool[f].Length)];
            left[node] = Grow(depth + 1);
            right[node] = Grow(depth + 1);
            return node;
        }

        Grow(0);
        return new RegressionTree([.. feature], [.. threshold], [.. left], [.. right], [.. value], [.. value.Select(_ => 1.0)]);
    }

    // Each value is a threshold of its feature (or one float step off it), a special value, or anything.
    private static (float[] Values, int Rows) RandomRows(Random random, List<RegressionTree> trees, int features)
    {
        var used = trees.SelectMany(t => t.Feature.Select((f, n) => (f, n, t))).Where(x => x.f >= 0).Select(x => (x.f, v: x.t.Threshold[x.n])).ToList();
        int rows = random.Next(1, 700);
        var values = new float[rows * features];
        for (int i = 0; i < values.Length; i++)
        {
            int f = i % features;
            var onFeature = used.Where(u => u.f == f).Select(u => u.v).ToList();
            values[i] = random.Next(6) switch
            {
                0 or 1 when onFeature.Count > 0 => onFeature[random.Next(onFeature.Count)],
                2 when onFeature.Count > 0 => MathF.BitIncrement(onFeature[random.Next(onFeature.Count)]),
                3 when onFeature.Count > 0 => MathF.BitDecrement(onFeature[random.Next(onFeature.Count)]),
                4 => Specials[random.Next(Specials.Length)],
                _ => (float)((random.NextDouble() * 300) - 150),
            };
        }

        return (values, rows);
    }

    private static double[] Walk(List<RegressionTree> trees, float[] values, int features, int rows)
    {
        var margins = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * features, features);
            foreach (var tree in trees) margins[r] += tree.Predict(row);
        }

        return margins;
    }

    // Scored from a random first row to the end, as the parallel scorer hands out row ranges.
    private static bool SameMargins(double[] expected, Action<int, int, double[]> addTo)
    {
        int first = expected.Length / 3;
        var margins = new double[expected.Length - first];
        addTo(first, margins.Length, margins);
        for (int r = 0; r < margins.Length; r++)
        {
            if (BitConverter.DoubleToInt64Bits(margins[r]) != BitConverter.DoubleToInt64Bits(expected[first + r])) return false;
        }

        return true;
    }
}
