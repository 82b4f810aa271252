using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ensuresec.Learning.Data;

/// <summary>
/// A split file: CSV with the header <c>id,set</c> and one row per data row used, set being train, valid or
/// test. Rows of the data that the split does not list are left out; ids the data lacks are an error.
/// </summary>
public static class SplitFile
{
    public static (IReadOnlyDictionary<string, SplitSet>? Split, DataError? Error) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var split = new Dictionary<string, SplitSet>(StringComparer.Ordinal);
        long line = 0;
        try
        {
            using var text = InputFile.Open(path);
            using var csv = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, MaxFieldSize = 1 << 16 });
            if (!csv.Read()) return (null, new DataError(path, 0, null, "the file is empty (expected the header id,set)"));
            line = csv.RawRow;
            if (csv.Record is not ["id", "set"]) return (null, new DataError(path, line, null, "the header must be id,set"));
            while (csv.Read())
            {
                line = csv.RawRow;
                var record = csv.Record!;
                if (record.Length == 1 && record[0].Length == 0) continue;
                if (record.Length != 2) return (null, new DataError(path, line, null, $"{record.Length} fields where id,set has 2"));
                SplitSet set = record[1] switch
                {
                    "train" => SplitSet.Train,
                    "valid" => SplitSet.Valid,
                    "test" => SplitSet.Test,
                    _ => (SplitSet)(-1),
                };
                if (set < 0) return (null, new DataError(path, line, "set", $"'{TableBuilder.Shorten(record[1])}' is not train, valid or test"));
                if (!split.TryAdd(record[0], set)) return (null, new DataError(path, line, "id", $"id '{TableBuilder.Shorten(record[0])}' appears twice"));
            }
        }
        catch (Exception ex) when (InputFile.Describe(path, line + 1, ex) is { } error)
        {
            return (null, error);
        }
        catch (CsvHelperException)
        {
            return (null, new DataError(path, line + 1, null, "malformed CSV"));
        }

        return split.Count == 0 ? (null, new DataError(path, 0, null, "no rows")) : (split, null);
    }

    /// <summary>The table's row indices in each set, or an error naming a split id the table does not have.</summary>
    public static (IReadOnlyDictionary<SplitSet, List<int>>? Rows, string? Error) Apply(IReadOnlyDictionary<string, SplitSet> split, LearningTable table)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(table);
        var rows = new Dictionary<SplitSet, List<int>> { [SplitSet.Train] = [], [SplitSet.Valid] = [], [SplitSet.Test] = [] };
        int matched = 0;
        for (int r = 0; r < table.Rows; r++)
        {
            if (!split.TryGetValue(table.Ids[r], out var set)) continue;
            rows[set].Add(r);
            matched++;
        }

        if (matched < split.Count)
        {
            var known = new HashSet<string>(table.Ids, StringComparer.Ordinal);
            string missing = split.Keys.First(id => !known.Contains(id));
            return (null, $"{split.Count - matched} ids of the split are not in the data (first: '{TableBuilder.Shorten(missing)}'); is --id the right column?");
        }

        return (rows, null);
    }
}
