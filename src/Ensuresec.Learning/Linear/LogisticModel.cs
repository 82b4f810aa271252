using Ensuresec.Learning.Data;
using Ensuresec.Learning.Explain;
using Ensuresec.Learning.Models;

namespace Ensuresec.Learning.Linear;

/// <summary>
/// A logistic regression: margin = intercept + Σ coefficient·(x − mean)/scale. Explanations are coefficient
/// times the standardised value, so they add up to the margin with the intercept as base value.
/// </summary>
public sealed class LogisticModel : IScoringModel
{
    internal LogisticModel(IReadOnlyList<string> featureNames, double intercept, double[] coefficients, double[] mean, double[] scale)
    {
        FeatureNames = featureNames;
        Intercept = intercept;
        Coefficients = coefficients;
        Mean = mean;
        Scale = scale;
    }

    /// <summary>
    /// A model from given weights (an expert scorecard, or one fitted elsewhere): margin = intercept +
    /// Σ coefficient·(x − baseline). The baseline (zeros by default) is what explanations are relative to.
    /// </summary>
    public static LogisticModel FromCoefficients(
        IReadOnlyList<string> featureNames, double intercept, IReadOnlyList<double> coefficients, IReadOnlyList<double>? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count != featureNames.Count) throw new ArgumentException("one coefficient per feature", nameof(coefficients));
        if (baseline is not null && baseline.Count != featureNames.Count) throw new ArgumentException("one baseline value per feature", nameof(baseline));
        return new LogisticModel(featureNames, intercept, [.. coefficients], baseline is null ? new double[featureNames.Count] : [.. baseline],
            [.. Enumerable.Repeat(1.0, featureNames.Count)]);
    }

    public string Algorithm => "logistic";

    public IReadOnlyList<string> FeatureNames { get; }

    public double Intercept { get; }

    /// <summary>Coefficients on the standardised features.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Per-feature centre (0 when not standardised).</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Per-feature scale (1 when not standardised or constant).</summary>
    public IReadOnlyList<double> Scale { get; }

    public double Margin(ReadOnlySpan<float> row)
    {
        double m = Intercept;
        for (int f = 0; f < row.Length; f++) m += Coefficients[f] * ((row[f] - Mean[f]) / Scale[f]);
        return m;
    }

    public double Score(ReadOnlySpan<float> row) => Sigmoid.Of(Margin(row));

    public void ScoreAll(FeatureMatrix rows, Span<double> scores, int threads)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (scores.Length != rows.Rows) throw new ArgumentException("one score per row", nameof(scores));
        var result = new double[rows.Rows];
        Parallel.For(0, (rows.Rows + 8191) / 8192, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            int end = Math.Min(rows.Rows, (c + 1) * 8192);
            for (int r = c * 8192; r < end; r++) result[r] = Score(rows.Row(r));
        });
        result.CopyTo(scores);
    }

    public Explanation Explain(ReadOnlySpan<float> row)
    {
        var contributions = new double[row.Length];
        for (int f = 0; f < row.Length; f++) contributions[f] = Coefficients[f] * ((row[f] - Mean[f]) / Scale[f]);
        return new Explanation(Intercept, contributions);
    }
}
