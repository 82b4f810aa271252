namespace Ensuresec.Learning.Data;

/// <summary>What a data file held: the features, the labels if asked for, each row's id and the text columns.</summary>
public sealed record LearningTable(FeatureMatrix Features, float[]? Labels, IReadOnlyList<string> Ids, IReadOnlyDictionary<string, string[]> Text)
{
    public int Rows => Features.Rows;

    /// <summary>The rows at the given indices, in that order.</summary>
    public LearningTable Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        float[]? labels = Labels is null ? null : [.. rows.Select(r => Labels[r])];
        var text = Text.ToDictionary(kv => kv.Key, kv => rows.Select(r => kv.Value[r]).ToArray(), StringComparer.Ordinal);
        return new LearningTable(Features.Select(rows), labels, [.. rows.Select(r => Ids[r])], text);
    }

    /// <summary>Features and labels for training or evaluation; throws if the table was read without labels.</summary>
    public LabeledData Labeled() =>
        new(Features, Labels ?? throw new InvalidOperationException("the table was read without a label column"));
}
