using Ensuresec.Learning.Data;
using Ensuresec.Learning.Explain;

namespace Ensuresec.Learning.Models;

/// <summary>A trained model that scores rows of the features it was trained on, and explains each score.</summary>
public interface IScoringModel
{
    /// <summary>gbdt, logistic or iforest (the name in the model file).</summary>
    string Algorithm { get; }

    /// <summary>The feature names, in the column order the model expects.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The score of one row: a probability of the positive class (an anomaly score in [0, 1] for iforest).</summary>
    double Score(ReadOnlySpan<float> row);

    /// <summary>Scores every row into <paramref name="scores"/>, on up to <paramref name="threads"/> threads.</summary>
    void ScoreAll(FeatureMatrix rows, Span<double> scores, int threads);

    /// <summary>Per-feature contributions that add up, with the base value, to the model's raw output for the row.</summary>
    Explanation Explain(ReadOnlySpan<float> row);
}
