using System.Globalization;
using System.Reflection;

namespace Ensuresec.Detection.Fraud;

/// <summary>
/// One reference point per ISO 3166-1 alpha-2 country (the principal city of its time zone in the tz database,
/// public domain; see the header of country-points.tsv), and the great-circle distance between two countries.
/// </summary>
internal static class CountryPoints
{
    private const double EarthRadiusKm = 6371.0088;
    private static readonly Lazy<Dictionary<string, (double Lat, double Lon)>> Table = new(Load);

    public static int Count => Table.Value.Count;

    public static (double Lat, double Lon)? Find(string? code) =>
        code is { Length: 2 } && Table.Value.TryGetValue(code.ToUpperInvariant(), out var point) ? point : null;

    /// <summary>Kilometres between the two countries' points, or null when either code is unknown.</summary>
    public static double? DistanceKm(string? a, string? b)
    {
        if (Find(a) is not { } p || Find(b) is not { } q) return null;
        return Haversine(p.Lat, p.Lon, q.Lat, q.Lon);
    }

    /// <summary>Great-circle distance in km on the mean Earth sphere (haversine, stable for short distances).</summary>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        double dLat = Radians(lat2 - lat1), dLon = Radians(lon2 - lon1);
        double h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static Dictionary<string, (double, double)> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ensuresec.Detection.country-points.tsv")
            ?? throw new InvalidOperationException("country-points.tsv is not embedded in Ensuresec.Detection");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length < 3 || parts[0].Length != 2
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double lat) || lat is < -90 or > 90
                || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double lon) || lon is < -180 or > 180)
            {
                throw new InvalidOperationException($"country-points.tsv:{lineNumber}: expected CODE<tab>LAT<tab>LON");
            }

            table[parts[0]] = (lat, lon);
        }

        return table;
    }
}
