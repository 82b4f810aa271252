using Ensuresec.Learning.Data;
using Ensuresec.Learning.Models;

namespace Ensuresec.Learning.Trees;

/// <summary>
/// Gradient boosting with logistic loss (Friedman; second-order leaves and gains as in XGBoost, Chen and
/// Guestrin 2016): each round fits a tree to the gradient and hessian of the log loss at the current margins.
/// Deterministic: sampling uses one seeded generator, and the parallel parts (histograms per feature, margins
/// per row) add the same numbers in the same order whatever the thread count.
/// </summary>
public static class GbdtTrainer
{
    /// <summary>Trains on <paramref name="train"/>; with <paramref name="validation"/> and early stopping, keeps the best round.</summary>
    /// <exception cref="ArgumentException">Invalid options, or a training set without both classes.</exception>
    public static GbdtTraining Train(LabeledData train, GbdtOptions options, LabeledData? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        if (validation is not null && validation.Features.Columns != train.Features.Columns)
        {
            throw new ArgumentException("validation rows have a different number of features", nameof(validation));
        }

        var x = train.Features;
        var y = train.Labels;
        int n = x.Rows;
        var weight = new float[n];
        double positive = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            weight[i] = y[i] == 1 ? (float)options.PositiveClassWeight : 1f;
            positive += y[i] * weight[i];
            total += weight[i];
        }

        if (positive == 0 || positive == total) throw new ArgumentException("the training labels have only one class", nameof(train));

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
        var mapper = options.SketchRounds > 0 ? SketchedBins(train, options, weight) : BinMapper.Fit(x, options.MaxBins, options.Threads);
        var builder = new TreeBuilder(mapper.Transform(x, options.Threads), mapper.Upper, options);
        double baseMargin = Sigmoid.Logit(options.BaseScore ?? (positive / total));

        var margin = new double[n];
        Array.Fill(margin, baseMargin);
        var validMargin = validation is null ? null : Enumerable.Repeat(baseMargin, validation.Rows).ToArray();
        var gradient = new float[n];
        var hessian = new float[n];
        var rows = new int[n];
        var random = new Random(options.Seed);
        var trees = new List<RegressionTree>();
        var losses = new List<double>();
        double bestLoss = double.PositiveInfinity;
        int bestRound = 0;

        for (int round = 0; round < options.Trees; round++)
        {
            Parallel.For(0, Chunks(n), parallel, c =>
            {
                var (from, to) = Chunk(c, n);
                for (int i = from; i < to; i++)
                {
                    double p = Sigmoid.Of(margin[i]);
                    gradient[i] = (float)((p - y[i]) * weight[i]);
                    hessian[i] = (float)Math.Max(p * (1 - p) * weight[i], 1e-16);
                }
            });

            int count = SampleRows(rows, n, options.Subsample, random);
            var tree = builder.Build(gradient, hessian, rows, count, SampleFeatures(x.Columns, options.ColumnSample, random));
            trees.Add(tree);
            if (count == n)
            {
                // Every row went through the builder: its leaf is known from the final partition.
                foreach (var (node, begin, end) in builder.LastLeaves)
                {
                    double value = tree.Value[node];
                    for (int i = begin; i < end; i++) margin[rows[i]] += value;
                }
            }
            else
            {
                AddTree(tree, x, margin, parallel);
            }

            if (validation is null) continue;

            AddTree(tree, validation.Features, validMargin!, parallel);
            double loss = LogLoss(validation.Labels, validMargin!);
            losses.Add(loss);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                bestRound = round;
            }
            else if (options.EarlyStoppingRounds > 0 && round - bestRound >= options.EarlyStoppingRounds)
            {
                break;
            }
        }

        if (validation is null || options.EarlyStoppingRounds == 0) bestRound = trees.Count - 1;
        var kept = trees.Take(bestRound + 1).ToArray();
        return new GbdtTraining(new GbdtModel(x.Names, baseMargin, kept), losses, bestRound);
    }

    // A short first model tells where it is unsure: the bins are then placed by its rows' hessians, once, so every
    // tree splits on the same at most MaxBins - 1 thresholds per feature (the byte-binned scorer needs at most 255
    // of them; XGBoost's approx method re-sketches every round instead).
    private static BinMapper SketchedBins(LabeledData train, GbdtOptions options, float[] weight)
    {
        var probeOptions = options with { Trees = Math.Min(options.SketchRounds, options.Trees), SketchRounds = 0, EarlyStoppingRounds = 0 };
        var probe = Train(train, probeOptions).Model;
        var p = new double[train.Rows];
        probe.ScoreAll(train.Features, p, options.Threads);
        var hessian = new float[train.Rows];
        for (int i = 0; i < hessian.Length; i++) hessian[i] = (float)Math.Max(p[i] * (1 - p[i]) * weight[i], 1e-16);
        return BinMapper.Fit(train.Features, options.MaxBins, options.Threads, hessian);
    }

    private const int ChunkSize = 8192;

    private static int Chunks(int n) => (n + ChunkSize - 1) / ChunkSize;

    private static (int From, int To) Chunk(int c, int n) => (c * ChunkSize, Math.Min(n, (c + 1) * ChunkSize));

    private static void AddTree(RegressionTree tree, FeatureMatrix x, double[] margin, ParallelOptions parallel) =>
        Parallel.For(0, Chunks(x.Rows), parallel, c =>
        {
            var (from, to) = Chunk(c, x.Rows);
            for (int i = from; i < to; i++) margin[i] += tree.Predict(x.Row(i));
        });

    private static int SampleRows(int[] rows, int n, double share, Random random)
    {
        if (share >= 1)
        {
            for (int i = 0; i < n; i++) rows[i] = i;
            return n;
        }

        int count = 0;
        for (int i = 0; i < n; i++)
        {
            if (random.NextDouble() < share) rows[count++] = i;
        }

        if (count == 0) rows[count++] = random.Next(n);
        return count;
    }

    private static int[] SampleFeatures(int columns, double share, Random random)
    {
        if (share >= 1) return Enumerable.Range(0, columns).ToArray();
        int keep = Math.Max(1, (int)Math.Round(columns * share));
        var all = Enumerable.Range(0, columns).ToArray();
        random.Shuffle(all);
        var kept = all.AsSpan(0, keep).ToArray();
        Array.Sort(kept);
        return kept;
    }

    internal static double LogLoss(float[] labels, double[] margins)
    {
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double m = margins[i];
            // log(1 + e^-m) for positives, log(1 + e^m) for negatives, computed without overflow.
            double z = labels[i] == 1 ? -m : m;
            sum += z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
        }

        return sum / Math.Max(1, labels.Length);
    }
}
