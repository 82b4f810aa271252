using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ensuresec.Learning.Data;

/// <summary>Reads a CSV file with a header row (RFC 4180 quoting, via CsvHelper), plain or gzip-compressed.</summary>
internal static class CsvTableReader
{
    private static readonly CsvConfiguration Settings = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        BadDataFound = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
        TrimOptions = TrimOptions.Trim,
        MaxFieldSize = 1 << 20,
    };

    public static TableReadResult Read(string path, TableRequest request)
    {
        long line = 0;
        try
        {
            using var text = InputFile.Open(path);
            using var csv = new CsvParser(text, Settings);
            if (!csv.Read()) return new TableReadResult(null, new DataError(path, 0, null, "the file is empty (no header row)"));
            line = csv.RawRow;
            var (builder, error) = TableBuilder.Start(path, line, csv.Record ?? [], request);
            if (builder is null) return new TableReadResult(null, error);
            while (csv.Read())
            {
                line = csv.RawRow;
                var record = csv.Record!;
                if (record.Length == 1 && record[0].Length == 0) continue; // blank line
                var rowError = builder.Add(line, record);
                if (rowError is not null) return new TableReadResult(null, rowError);
            }

            return builder.Finish();
        }
        catch (Exception ex) when (InputFile.Describe(path, line + 1, ex) is { } error)
        {
            return new TableReadResult(null, error);
        }
        catch (MaxFieldSizeException)
        {
            return new TableReadResult(null, new DataError(path, line + 1, null, $"a field is longer than {Settings.MaxFieldSize:N0} characters"));
        }
        catch (CsvHelperException ex)
        {
            return new TableReadResult(null, new DataError(path, line + 1, null, $"malformed CSV ({ex.GetType().Name})"));
        }
    }
}
