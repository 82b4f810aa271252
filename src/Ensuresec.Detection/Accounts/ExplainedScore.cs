using Ensuresec.Learning.Linear;

namespace Ensuresec.Detection.Accounts;

/// <summary>
/// A hand-set logistic scorecard whose findings explain themselves the way the payment-fraud detector's do:
/// log-odds add up from an intercept (an ordinary case) and one weight per feature above its ordinary value;
/// the reasons are the features that raised the score most, each described in words.
/// </summary>
internal sealed class ExplainedScore
{
    private readonly LogisticModel _model;
    private readonly Func<string, float, string> _describe;

    /// <param name="features">Name, weight per unit, value on an ordinary case (the baseline of the reasons).</param>
    public ExplainedScore(double intercept, IReadOnlyList<(string Name, double Weight, double Ordinary)> features, Func<string, float, string> describe)
    {
        Names = [.. features.Select(f => f.Name)];
        _model = LogisticModel.FromCoefficients(Names, intercept, [.. features.Select(f => f.Weight)], [.. features.Select(f => f.Ordinary)]);
        _describe = describe;
    }

    public IReadOnlyList<string> Names { get; }

    public double Score(ReadOnlySpan<float> row) => _model.Score(row);

    /// <summary>The <paramref name="count"/> features that raised the score most, in words, largest first.</summary>
    public IReadOnlyList<string> Reasons(ReadOnlySpan<float> row, int count)
    {
        var top = _model.Explain(row).TopIncreasing(count);
        var reasons = new List<string>(top.Count);
        foreach (int i in top) reasons.Add(_describe(Names[i], row[i]));
        return reasons;
    }
}
