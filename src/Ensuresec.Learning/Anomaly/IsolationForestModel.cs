using System.Text.Json.Nodes;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Explain;
using Ensuresec.Learning.Models;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Learning.Anomaly;

/// <summary>
/// A trained isolation forest. The raw output is −E[h(x)]/c(ψ) (the trees' leaves already hold their share),
/// the score is 2^raw in (0, 1]: near 1 anomalous, below 0.5 normal. Explanations are TreeSHAP values of the
/// raw output, with the sample counts as cover.
/// </summary>
public sealed class IsolationForestModel : IScoringModel
{
    internal IsolationForestModel(IReadOnlyList<string> featureNames, int sampleSize, IReadOnlyList<RegressionTree> trees)
    {
        FeatureNames = featureNames;
        SampleSize = sampleSize;
        Trees = trees;
    }

    public string Algorithm => "iforest";

    public IReadOnlyList<string> FeatureNames { get; }

    public int SampleSize { get; }

    internal IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>c(n): the average path length of an unsuccessful search in a binary search tree of n keys.</summary>
    public static double AveragePathLength(int n) =>
        n switch
        {
            <= 1 => 0,
            2 => 1,
            _ => (2 * (Math.Log(n - 1) + 0.5772156649015329)) - (2.0 * (n - 1) / n),
        };

    public double Raw(ReadOnlySpan<float> row)
    {
        double sum = 0;
        foreach (var tree in Trees) sum += tree.Predict(row);
        return sum;
    }

    public double Score(ReadOnlySpan<float> row) => Math.Pow(2, Raw(row));

    public void ScoreAll(FeatureMatrix rows, Span<double> scores, int threads)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (scores.Length != rows.Rows) throw new ArgumentException("one score per row", nameof(scores));
        var result = new double[rows.Rows];
        Parallel.For(0, rows.Rows, new ParallelOptions { MaxDegreeOfParallelism = threads }, r => result[r] = Score(rows.Row(r)));
        result.CopyTo(scores);
    }

    public Explanation Explain(ReadOnlySpan<float> row)
    {
        var phi = new double[FeatureNames.Count];
        double expected = 0;
        foreach (var tree in Trees) expected += TreeShap.Add(tree, row, phi);
        return new Explanation(expected, phi);
    }

    internal JsonObject ToJson() => new()
    {
        ["sample_size"] = SampleSize,
        ["trees"] = new JsonArray([.. Trees.Select(t => (JsonNode?)ModelFile.TreeJson(t))]),
    };

    internal static IsolationForestModel FromJson(JsonObject o, string[] features)
    {
        double sample = ModelFile.Number(o, "sample_size");
        if (sample is < 2 or > 1_000_000 || sample != Math.Floor(sample)) throw new ModelFormatException("iforest.sample_size must be an integer from 2 to 1000000");
        var array = ModelFile.Array(o, "trees");
        if (array.Count == 0) throw new ModelFormatException("iforest.trees is empty");
        var trees = array.Select((node, t) => ModelFile.ReadTree(node, $"iforest.trees[{t}]", features.Length)).ToArray();
        return new IsolationForestModel(features, (int)sample, trees);
    }
}
