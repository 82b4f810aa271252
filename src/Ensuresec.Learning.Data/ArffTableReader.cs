using System.Text.RegularExpressions;

namespace Ensuresec.Learning.Data;

/// <summary>
/// Reads the dense form of Weka's ARFF: <c>@relation</c>, <c>@attribute NAME TYPE</c> lines (numeric, real,
/// integer, or a nominal {a,b,c} whose values are numbers), <c>@data</c>, then comma-separated rows; '%' starts a
/// comment. Sparse rows, strings, dates and missing values ('?') are refused with the line named.
/// </summary>
internal static partial class ArffTableReader
{
    public static TableReadResult Read(string path, TableRequest request)
    {
        long line = 0;
        try
        {
            using var text = InputFile.Open(path);
            var names = new List<string>();
            TableBuilder? builder = null;
            string? raw;
            while ((raw = text.ReadLine()) is not null)
            {
                line++;
                string content = raw.Trim();
                if (content.Length == 0 || content[0] == '%') continue;
                if (builder is null)
                {
                    if (content.StartsWith("@relation", StringComparison.OrdinalIgnoreCase)) continue;
                    if (content.StartsWith("@attribute", StringComparison.OrdinalIgnoreCase))
                    {
                        var m = Attribute().Match(content);
                        if (!m.Success) return Fail(path, line, "an @attribute line needs a name and a type");
                        string name = m.Groups["name"].Value.Trim('\'', '"');
                        string type = m.Groups["type"].Value.Trim();
                        bool numeric = type.ToLowerInvariant() is "numeric" or "real" or "integer";
                        bool nominalNumbers = type.StartsWith('{') && type.EndsWith('}') &&
                            type[1..^1].Split(',').All(v => double.TryParse(v.Trim(), System.Globalization.CultureInfo.InvariantCulture, out _));
                        if (!numeric && !nominalNumbers && name != request.Label && !request.Text.Contains(name) && name != request.Id)
                        {
                            return Fail(path, line, $"attribute '{name}' has type {TableBuilder.Shorten(type)}: only numeric attributes and nominal ones with numeric values can be features");
                        }

                        names.Add(name);
                        continue;
                    }

                    if (content.StartsWith("@data", StringComparison.OrdinalIgnoreCase))
                    {
                        var (started, error) = TableBuilder.Start(path, line, [.. names], request);
                        if (started is null) return new TableReadResult(null, error);
                        builder = started;
                        continue;
                    }

                    return Fail(path, line, "expected @relation, @attribute or @data");
                }

                if (content[0] == '{') return Fail(path, line, "sparse ARFF rows are not supported");
                var fields = content.Split(',').Select(f => f.Trim().Trim('\'', '"')).ToArray();
                if (fields.Contains("?")) return Fail(path, line, "missing values ('?') are not accepted");
                var rowError = builder.Add(line, fields);
                if (rowError is not null) return new TableReadResult(null, rowError);
            }

            return builder is null ? Fail(path, line, names.Count == 0 ? "the file is empty (no @attribute lines)" : "no @data section") : builder.Finish();
        }
        catch (Exception ex) when (InputFile.Describe(path, line + 1, ex) is { } error)
        {
            return new TableReadResult(null, error);
        }
    }

    private static TableReadResult Fail(string path, long line, string message) => new(null, new DataError(path, line, null, message));

    [GeneratedRegex(@"^@attribute\s+(?<name>'[^']*'|""[^""]*""|\S+)\s+(?<type>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();
}
