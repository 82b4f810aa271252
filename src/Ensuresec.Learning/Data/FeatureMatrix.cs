namespace Ensuresec.Learning.Data;

/// <summary>
/// Dense rows of features, row-major in one array (float, as the trees compare in float like XGBoost).
/// Values must be finite: the readers reject NaN and infinities with the row and column named. A table read for
/// a text classifier has no feature columns at all (the models check their own feature count).
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Wraps <paramref name="values"/> (not copied): <paramref name="rows"/> × names.Count, row-major.</summary>
    public FeatureMatrix(float[] values, int rows, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if ((long)rows * names.Count != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not make {rows} rows of {names.Count} features", nameof(values));
        }

        Values = values;
        Rows = rows;
        Names = names;
    }

    /// <summary>The values, row after row.</summary>
    public float[] Values { get; }

    public int Rows { get; }

    public int Columns => Names.Count;

    /// <summary>The feature names, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    public float this[int row, int column] => Values[(row * Columns) + column];

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);

    /// <summary>A new matrix holding the given rows, in the given order.</summary>
    public FeatureMatrix Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new float[rows.Count * Columns];
        for (int i = 0; i < rows.Count; i++) Row(rows[i]).CopyTo(values.AsSpan(i * Columns, Columns));
        return new FeatureMatrix(values, rows.Count, Names);
    }
}
