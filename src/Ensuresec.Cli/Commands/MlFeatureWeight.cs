using Ensuresec.Learning.Data;
using Ensuresec.Learning.Models;

namespace Ensuresec.Cli.Commands;

/// <summary>A feature and its mean absolute contribution to the model's raw score (from the explanations).</summary>
internal sealed record FeatureWeight(string Feature, double Weight)
{
    private const int SampleRows = 2000;

    /// <summary>The features with the largest mean |contribution| over up to 2,000 evenly spaced rows.</summary>
    public static IReadOnlyList<FeatureWeight> Top(IScoringModel model, FeatureMatrix rows, int count)
    {
        var sum = new double[model.FeatureNames.Count];
        int step = Math.Max(1, rows.Rows / SampleRows), used = 0;
        for (int r = 0; r < rows.Rows; r += step, used++)
        {
            var contributions = model.Explain(rows.Row(r)).Contributions;
            for (int f = 0; f < sum.Length; f++) sum[f] += Math.Abs(contributions[f]);
        }

        return [.. Enumerable.Range(0, sum.Length)
            .OrderByDescending(f => sum[f]).ThenBy(f => f)
            .Take(count)
            .Select(f => new FeatureWeight(model.FeatureNames[f], sum[f] / Math.Max(1, used)))];
    }
}
