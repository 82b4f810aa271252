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
        for (int i = 1; i < path.Count; i++) best = Math.Min(best, Project(p, path[i - 1], path[i], 0, 1).Distance);
        return best;
    }

    /// <summary>
    /// The point of segment a-b nearest to <paramref name="p"/>, restricted to the fractions from..to of the segment:
    /// that fraction and its distance in metres. Measured in a local plane centred on the point (equirectangular),
    /// which errs well under a metre for segments of a few km.
    /// </summary>
    public static (double Fraction, double Distance) Project(GeoPoint p, GeoPoint a, GeoPoint b, double from, double to)
    {
        double cos = Math.Cos(Rad(p.Lat));
        var (ax, ay) = Local(a, p, cos);
        var (bx, by) = Local(b, p, cos);
        double dx = bx - ax, dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? from : Math.Clamp(-(ax * dx + ay * dy) / len2, from, to);
        double cx = ax + t * dx, cy = ay + t * dy;
        return (t, Math.Sqrt(cx * cx + cy * cy));
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
