using System.Globalization;

namespace Ensuresec.Store;

/// <summary>
/// Times are stored as fixed-width UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ): readable in the sqlite3 shell,
/// and text order is time order, so range queries use plain indexes.
/// </summary>
internal static class StoreTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Text(DateTimeOffset t) => t.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
