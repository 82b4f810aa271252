namespace Ensuresec.Learning.Explain;

/// <summary>
/// Why a row got its score: <see cref="BaseValue"/> plus the sum of <see cref="Contributions"/> (one per feature,
/// in the model's feature order) equals <see cref="RawOutput"/>, the model's output before the link function
/// (log-odds for gbdt and logistic, the negated normalised path length for iforest).
/// </summary>
public sealed record Explanation(double BaseValue, IReadOnlyList<double> Contributions)
{
    /// <summary>The model's raw output: base value plus all contributions.</summary>
    public double RawOutput => BaseValue + Contributions.Sum();

    /// <summary>Indices of the features that pushed the score up most, largest first (only positive contributions).</summary>
    public IReadOnlyList<int> TopIncreasing(int count) =>
        Enumerable.Range(0, Contributions.Count)
            .Where(i => Contributions[i] > 0)
            .OrderByDescending(i => Contributions[i])
            .ThenBy(i => i)
            .Take(count)
            .ToArray();
}
