namespace Ensuresec.Physical.Telemetry;

/// <summary>Distances on the Earth (spherical model, mean radius): exact enough for corridors of tens of metres.</summary>
public static class Geo
{
    /// <summary>Mean Earth radius in metres (IUGG).</summary>
    public const double EarthRadius = 6_371_008.8;

    /// <summary>Great-circle distance in metres (haversine, stable for short distances).</summary>
    public static double Distance(GeoPoint a, GeoPoint b)
    {
        double φ1 = Rad(a.Lat), φ2 = Rad(b.Lat);
        double dφ = φ2 - φ1, dλ = Rad(b.Lon - a.Lon);
        double h = Math.Sin(dφ / 2) * Math.Sin(dφ / 2) + Math.Cos(φ1) * Math.Cos(φ2) * Math.Sin(dλ / 2) * Math.Sin(dλ / 2);
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// Distance in metres from <paramref name="p"/> to the nearest point of the polyline. Each segment is measured in a
    /// local plane centred on the point (equirectangular), which errs well under a metre for segments of a few km.
    /// </summary>
    public static double DistanceToPath(GeoPoint p, IReadOnlyList<GeoPoint> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count == 0) return double.PositiveInfinity;
        if (path.Count == 1) return Distance(p, path[0]);
        double best = double.PositiveInfinity;
        double cos = Math.Cos(Rad(p.Lat));
        for (int i = 1; i < path.Count; i++)
        {
            var (ax, ay) = Local(path[i - 1], p, cos);
            var (bx, by) = Local(path[i], p, cos);
            double dx = bx - ax, dy = by - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / len2, 0, 1);
            double cx = ax + t * dx, cy = ay + t * dy;
            best = Math.Min(best, Math.Sqrt(cx * cx + cy * cy));
        }

        return best;
    }

    /// <summary>Distance to the nearest of the points, in metres (infinity when there are none).</summary>
    public static double DistanceToNearest(GeoPoint p, IEnumerable<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double best = double.PositiveInfinity;
        foreach (var q in points) best = Math.Min(best, Distance(p, q));
        return best;
    }

    private static (double X, double Y) Local(GeoPoint q, GeoPoint origin, double cos)
    {
        double dLon = q.Lon - origin.Lon;
        if (dLon > 180) dLon -= 360;
        else if (dLon < -180) dLon += 360;
        return (Rad(dLon) * cos * EarthRadius, Rad(q.Lat - origin.Lat) * EarthRadius);
    }

    private static double Rad(double degrees) => degrees * Math.PI / 180;
}
