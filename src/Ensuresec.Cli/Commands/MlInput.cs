using System.Globalization;
using Ensuresec.Learning.Data;

namespace Ensuresec.Cli.Commands;

/// <summary>Option parsing and data loading shared by <c>ensuresec ml train|eval|score</c>.</summary>
internal static class MlInput
{
    public static int Usage(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return ExitCodes.BadUsage;
    }

    /// <summary>A comma-separated list, or null when the option was not given.</summary>
    public static IReadOnlyList<string>? List(string? value) =>
        value is null ? null : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (text is null) return true;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    public static bool TryDouble(string? text, double fallback, double min, double max, out double value)
    {
        value = fallback;
        if (text is null) return true;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= min && value <= max;
    }

    /// <summary>The table and, with a split file, its rows per set; or the error to print.</summary>
    public static (LearningTable? Table, IReadOnlyDictionary<SplitSet, List<int>>? Split, string? Error) Load(string data, TableRequest request, string? splitPath)
    {
        IReadOnlyDictionary<string, SplitSet>? split = null;
        if (splitPath is not null)
        {
            var (read, splitError) = SplitFile.Read(splitPath);
            if (read is null) return (null, null, splitError!.ToString());
            split = read;
        }

        var table = TableReader.Read(data, request);
        if (table.Table is null) return (null, null, table.Error!.ToString());
        if (split is null) return (table.Table, null, null);
        var (rows, applyError) = SplitFile.Apply(split, table.Table);
        return rows is null ? (null, null, $"{splitPath}: {applyError}") : (table.Table, rows, null);
    }

    /// <summary>The rows to evaluate or score: the split's test rows (its validation rows if it has no test rows), or all.</summary>
    public static (LearningTable Rows, string Name) Evaluation(LearningTable table, IReadOnlyDictionary<SplitSet, List<int>>? split)
    {
        if (split is null) return (table, "all rows");
        if (split[SplitSet.Test].Count > 0) return (table.Select(split[SplitSet.Test]), "test rows");
        if (split[SplitSet.Valid].Count > 0) return (table.Select(split[SplitSet.Valid]), "validation rows");
        return (table.Select(split[SplitSet.Train]), "training rows");
    }
}
