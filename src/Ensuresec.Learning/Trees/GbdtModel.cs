using Ensuresec.Learning.Data;
using Ensuresec.Learning.Explain;
using Ensuresec.Learning.Models;

namespace Ensuresec.Learning.Trees;

/// <summary>A trained forest of gradient-boosted trees for binary classification (logistic loss).</summary>
public sealed class GbdtModel : IScoringModel
{
    private const int RowsPerTask = 4096;
    private readonly CompiledForest? compiled;
    private readonly BinnedForest? binned;

    internal GbdtModel(IReadOnlyList<string> featureNames, double baseMargin, IReadOnlyList<RegressionTree> trees)
    {
        FeatureNames = featureNames;
        BaseMargin = baseMargin;
        Trees = trees;
        compiled = CompiledForest.TryCompile(trees);
        binned = BinnedForest.TryCompile(trees, featureNames.Count);
    }

    public string Algorithm => "gbdt";

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The margin (log-odds) every row starts from: the training set's weighted log-odds.</summary>
    public double BaseMargin { get; }

    internal IReadOnlyList<RegressionTree> Trees { get; }

    public int TreeCount => Trees.Count;

    public double Margin(ReadOnlySpan<float> row)
    {
        double sum = BaseMargin;
        foreach (var tree in Trees) sum += tree.Predict(row);
        return sum;
    }

    public double Score(ReadOnlySpan<float> row) => Sigmoid.Of(Margin(row));

    public void ScoreAll(FeatureMatrix rows, Span<double> scores, int threads) => ScoreAll(rows, scores, threads, binned is not null);

    /// <summary>Whether scoring uses the byte-binned forest (this processor, depth and thresholds allow it).</summary>
    internal bool ScoresBinned => binned is not null;

    /// <summary>As <see cref="ScoreAll(FeatureMatrix, Span{double}, int)"/>; without <paramref name="useBinned"/>, on the float comparisons (benchmarks compare the two).</summary>
    internal void ScoreAll(FeatureMatrix rows, Span<double> scores, int threads, bool useBinned)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (scores.Length != rows.Rows) throw new ArgumentException("one score per row", nameof(scores));
        if (rows.Columns != FeatureNames.Count) throw new ArgumentException($"the model needs {FeatureNames.Count} features", nameof(rows));
        var result = new double[rows.Rows];
        int tasks = (rows.Rows + RowsPerTask - 1) / RowsPerTask;
        Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = threads }, task =>
        {
            int first = task * RowsPerTask;
            int count = Math.Min(RowsPerTask, rows.Rows - first);
            var margins = result.AsSpan(first, count);
            margins.Fill(BaseMargin);
            if (useBinned && binned is not null)
            {
                binned.AddTo(rows.Values, rows.Columns, first, count, margins);
            }
            else if (compiled is not null)
            {
                compiled.AddTo(rows.Values, rows.Columns, first, count, margins);
            }
            else
            {
                for (int r = 0; r < count; r++)
                {
                    foreach (var tree in Trees) margins[r] += tree.Predict(rows.Row(first + r));
                }
            }

            for (int r = 0; r < count; r++) margins[r] = Sigmoid.Of(margins[r]);
        });
        result.CopyTo(scores);
    }

    /// <summary>TreeSHAP values (path-dependent, on the log-odds scale); they add up to the margin.</summary>
    public Explanation Explain(ReadOnlySpan<float> row)
    {
        var phi = new double[FeatureNames.Count];
        double expected = BaseMargin;
        foreach (var tree in Trees) expected += TreeShap.Add(tree, row, phi);
        return new Explanation(expected, phi);
    }

    /// <summary>Total gain-free importance: how often each feature is used to split, over all trees.</summary>
    public IReadOnlyList<double> SplitCounts()
    {
        var counts = new double[FeatureNames.Count];
        foreach (var tree in Trees)
        {
            foreach (int f in tree.Feature)
            {
                if (f >= 0) counts[f]++;
            }
        }

        return counts;
    }
}
