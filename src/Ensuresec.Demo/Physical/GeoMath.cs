using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Demo.Physical;

/// <summary>Small plane geometry for generating tracks (metres east and north of a point); exact enough for a city.</summary>
internal static class GeoMath
{
    private const double MetresPerDegree = Geo.EarthRadius * Math.PI / 180;

    public static GeoPoint Offset(GeoPoint p, double east, double north) =>
        GeoPoint.Of(p.Lat + north / MetresPerDegree, p.Lon + east / (MetresPerDegree * Math.Cos(p.Lat * Math.PI / 180)));

    public static GeoPoint Lerp(GeoPoint a, GeoPoint b, double t) => GeoPoint.Of(a.Lat + (b.Lat - a.Lat) * t, a.Lon + (b.Lon - a.Lon) * t);

    /// <summary>The point <paramref name="metres"/> to the left of the direction a to b, level with <paramref name="at"/>.</summary>
    public static GeoPoint Beside(GeoPoint a, GeoPoint b, GeoPoint at, double metres)
    {
        double east = (b.Lon - a.Lon) * MetresPerDegree * Math.Cos(a.Lat * Math.PI / 180);
        double north = (b.Lat - a.Lat) * MetresPerDegree;
        double len = Math.Max(1, Math.Sqrt(east * east + north * north));
        return Offset(at, -north / len * metres, east / len * metres);
    }

    /// <summary>A point with normally distributed noise of <paramref name="sigma"/> metres on each axis.</summary>
    public static GeoPoint Jitter(Random rng, GeoPoint p, double sigma) => Offset(p, Normal(rng) * sigma, Normal(rng) * sigma);

    public static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
