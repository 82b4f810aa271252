namespace Ensuresec.Learning.Data;

/// <summary>Which columns of a data file to read, and how.</summary>
public sealed record TableRequest
{
    /// <summary>The label column (0/1, or compared with <see cref="Positive"/>); null to read no label.</summary>
    public string? Label { get; init; }

    /// <summary>The feature columns in order; null for every column but the label, the id, the text and excluded ones.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The column holding each row's id (matched against split files); null for the 0-based row number.</summary>
    public string? Id { get; init; }

    /// <summary>Columns kept as text (e.g. the day and card for card precision@k).</summary>
    public IReadOnlyList<string> Text { get; init; } = [];

    /// <summary>Text columns whose every value must hold more than whitespace (the text of a text classifier).</summary>
    public IReadOnlyList<string> NonEmptyText { get; init; } = [];

    /// <summary>The label value that means the positive class; null when labels must be 0 or 1.</summary>
    public string? Positive { get; init; }
}
