namespace Ensuresec.Learning.Data;

/// <summary>Features with a 0/1 label per row (1 is the positive class: fraud, phishing, anomaly).</summary>
public sealed record LabeledData
{
    public LabeledData(FeatureMatrix features, float[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != features.Rows) throw new ArgumentException($"{labels.Length} labels for {features.Rows} rows", nameof(labels));
        foreach (float y in labels)
        {
            if (y is not (0f or 1f)) throw new ArgumentException("labels must be 0 or 1", nameof(labels));
        }

        Features = features;
        Labels = labels;
    }

    public FeatureMatrix Features { get; }

    public float[] Labels { get; }

    public int Rows => Labels.Length;

    /// <summary>The rows at the given indices.</summary>
    public LabeledData Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var labels = new float[rows.Count];
        for (int i = 0; i < rows.Count; i++) labels[i] = Labels[rows[i]];
        return new LabeledData(Features.Select(rows), labels);
    }
}
