using System.Globalization;

namespace Ensuresec.Learning.Data;

/// <summary>
/// Turns a header and rows of text fields into a <see cref="LearningTable"/>, checking every value: features
/// must be finite numbers, labels 0/1 (or the positive value), every row as long as the header.
/// </summary>
internal sealed class TableBuilder
{
    /// <summary>More rows than this are refused (about 2 GB of features at 100 columns).</summary>
    public const int MaxRows = 5_000_000;

    /// <summary>More columns than this are refused.</summary>
    public const int MaxColumns = 10_000;

    private readonly string file;
    private readonly TableRequest request;
    private readonly string[] header;
    private readonly int[] featureIndex;
    private readonly int labelIndex;
    private readonly int idIndex;
    private readonly int[] textIndex;
    private readonly List<float> values = [];
    private readonly List<float> labels = [];
    private readonly List<string> ids = [];
    private readonly List<string>[] text;
    private readonly float[] row;
    private readonly HashSet<string> seenIds = new(StringComparer.Ordinal);

    private TableBuilder(string file, TableRequest request, string[] header, int[] featureIndex, int labelIndex, int idIndex, int[] textIndex)
    {
        this.file = file;
        this.request = request;
        this.header = header;
        this.featureIndex = featureIndex;
        this.labelIndex = labelIndex;
        this.idIndex = idIndex;
        this.textIndex = textIndex;
        text = [.. textIndex.Select(_ => new List<string>())];
        row = new float[featureIndex.Length];
    }

    public int Rows => ids.Count;

    /// <summary>A builder for this header, or the error in the request against it (missing or duplicate columns).</summary>
    public static (TableBuilder? Builder, DataError? Error) Start(string file, long line, string[] header, TableRequest request)
    {
        DataError Fail(string? column, string message) => new(file, line, column, message);
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace)) return (null, Fail(null, "the header row is empty"));
        if (header.Length > MaxColumns) return (null, Fail(null, $"{header.Length} columns; at most {MaxColumns} are read"));
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (!positions.TryAdd(header[i], i)) return (null, Fail(header[i], "appears twice in the header"));
        }

        int Find(string name) => positions.TryGetValue(name, out int i) ? i : -1;
        string Available() => string.Join(", ", header.Take(40)) + (header.Length > 40 ? ", ..." : "");
        foreach (var name in request.Exclude)
        {
            if (Find(name) < 0) return (null, Fail(name, $"--exclude names a column the file does not have (columns: {Available()})"));
        }

        int label = -1, id = -1;
        if (request.Label is not null && (label = Find(request.Label)) < 0) return (null, Fail(request.Label, $"the label column is missing (columns: {Available()})"));
        if (request.Id is not null && (id = Find(request.Id)) < 0) return (null, Fail(request.Id, $"the id column is missing (columns: {Available()})"));
        var textIndex = new int[request.Text.Count];
        for (int t = 0; t < textIndex.Length; t++)
        {
            if ((textIndex[t] = Find(request.Text[t])) < 0) return (null, Fail(request.Text[t], "the column is missing"));
        }

        int[] features;
        if (request.Features is not null)
        {
            features = new int[request.Features.Count];
            for (int f = 0; f < features.Length; f++)
            {
                string name = request.Features[f];
                if ((features[f] = Find(name)) < 0) return (null, Fail(name, $"the feature column is missing (columns: {Available()})"));
                if (features[f] == label) return (null, Fail(name, "the label cannot also be a feature"));
            }

            if (features.Distinct().Count() != features.Length) return (null, Fail(null, "a feature is listed twice"));
        }
        else
        {
            var skip = new HashSet<int>(request.Exclude.Select(Find).Concat(textIndex).Append(label).Append(id));
            features = [.. Enumerable.Range(0, header.Length).Where(i => !skip.Contains(i))];
        }

        // A text classifier reads only text: it asks for no feature columns at all.
        bool textOnly = request.Features is { Count: 0 } && textIndex.Length > 0;
        if (features.Length == 0 && !textOnly) return (null, Fail(null, "no feature columns are left"));
        foreach (var name in request.NonEmptyText)
        {
            if (!request.Text.Contains(name)) throw new ArgumentException($"'{name}' must also be a text column", nameof(request));
        }

        return (new TableBuilder(file, request, header, features, label, id, textIndex), null);
    }

    /// <summary>Adds one row; the error names the line and column of the first bad value.</summary>
    public DataError? Add(long line, IReadOnlyList<string> fields)
    {
        if (fields.Count != header.Length)
        {
            return new DataError(file, line, null, $"{fields.Count} fields where the header has {header.Length}");
        }

        if (ids.Count >= MaxRows) return new DataError(file, line, null, $"more than {MaxRows} rows");
        for (int f = 0; f < featureIndex.Length; f++)
        {
            int i = featureIndex[f];
            string raw = fields[i];
            if (!float.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
            {
                return new DataError(file, line, header[i], $"'{Shorten(raw)}' is not a number");
            }

            if (!float.IsFinite(v)) return new DataError(file, line, header[i], $"'{Shorten(raw)}' is not a finite number (NaN and infinities are not accepted)");
            row[f] = v;
        }

        if (labelIndex >= 0)
        {
            string raw = fields[labelIndex].Trim();
            float y;
            if (request.Positive is not null) y = raw == request.Positive ? 1 : 0;
            else if (raw is "0" or "0.0") y = 0;
            else if (raw is "1" or "1.0") y = 1;
            else return new DataError(file, line, header[labelIndex], $"label '{Shorten(raw)}' is not 0 or 1 (name the positive value with --positive)");
            labels.Add(y);
        }

        string id = idIndex >= 0 ? fields[idIndex] : ids.Count.ToString(CultureInfo.InvariantCulture);
        if (!seenIds.Add(id)) return new DataError(file, line, idIndex >= 0 ? header[idIndex] : null, $"id '{Shorten(id)}' appears twice");
        values.AddRange(row);
        ids.Add(id);
        for (int t = 0; t < textIndex.Length; t++)
        {
            string value = fields[textIndex[t]];
            if (string.IsNullOrWhiteSpace(value) && request.NonEmptyText.Contains(header[textIndex[t]]))
            {
                return new DataError(file, line, header[textIndex[t]], "the text is empty");
            }

            text[t].Add(value);
        }

        return null;
    }

    public TableReadResult Finish()
    {
        if (ids.Count == 0) return new TableReadResult(null, new DataError(file, 0, null, "no data rows"));
        var names = featureIndex.Select(i => header[i]).ToArray();
        var matrix = new FeatureMatrix([.. values], ids.Count, names);
        var textColumns = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int t = 0; t < textIndex.Length; t++) textColumns[header[textIndex[t]]] = [.. text[t]];
        return new TableReadResult(new LearningTable(matrix, labelIndex >= 0 ? [.. labels] : null, ids, textColumns), null);
    }

    internal static string Shorten(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "...");
}
