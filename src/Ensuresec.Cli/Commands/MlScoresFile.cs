using System.Globalization;
using System.Text;
using CsvHelper;

namespace Ensuresec.Cli.Commands;

/// <summary>The scores file of <c>ml score</c>, for numeric and text models alike: id, score and, when asked, the reasons.</summary>
internal static class MlScoresFile
{
    /// <summary>Writes the file; null when written, else the error to print.</summary>
    public static string? TryWrite(string path, IReadOnlyList<string> ids, double[] scores, Func<int, string>? reasonsOf)
    {
        try
        {
            using var file = new StreamWriter(path, false, new UTF8Encoding(false));
            using var csv = new CsvWriter(file, CultureInfo.InvariantCulture);
            csv.WriteField("id");
            csv.WriteField("score");
            if (reasonsOf is not null) csv.WriteField("reasons");
            csv.NextRecord();
            for (int r = 0; r < scores.Length; r++)
            {
                csv.WriteField(ids[r]);
                csv.WriteField(scores[r].ToString("R", CultureInfo.InvariantCulture));
                if (reasonsOf is not null) csv.WriteField(reasonsOf(r));
                csv.NextRecord();
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot write the scores: {ex.Message}";
        }
    }
}
