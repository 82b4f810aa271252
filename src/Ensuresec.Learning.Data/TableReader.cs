namespace Ensuresec.Learning.Data;

/// <summary>Reads learning data: ARFF when the name ends in .arff (or .arff.gz), CSV otherwise; gzip is detected.</summary>
public static class TableReader
{
    public static TableReadResult Read(string path, TableRequest request)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(request);
        bool arff = path.EndsWith(".arff", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".arff.gz", StringComparison.OrdinalIgnoreCase);
        return arff ? ArffTableReader.Read(path, request) : CsvTableReader.Read(path, request);
    }
}
