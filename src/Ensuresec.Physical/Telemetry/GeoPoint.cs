namespace Ensuresec.Physical.Telemetry;

/// <summary>A position in WGS 84 degrees (ECS geo_point: lat, lon). Only built through <see cref="TryCreate"/>, so it is on the Earth.</summary>
public readonly record struct GeoPoint
{
    private GeoPoint(double lat, double lon)
    {
        Lat = lat;
        Lon = lon;
    }

    public double Lat { get; }

    public double Lon { get; }

    /// <summary>A point, or a reason when the numbers are not a position on the Earth.</summary>
    public static bool TryCreate(double lat, double lon, out GeoPoint point, out string? reason)
    {
        point = default;
        reason = null;
        if (!double.IsFinite(lat) || !double.IsFinite(lon)) reason = "lat and lon must be finite numbers";
        else if (lat is < -90 or > 90) reason = $"lat {lat:0.######} is outside -90..90";
        else if (lon is < -180 or > 180) reason = $"lon {lon:0.######} is outside -180..180";
        if (reason is not null) return false;
        point = new GeoPoint(lat, lon);
        return true;
    }

    /// <summary>For code and tests with known-good numbers; throws on a position outside the Earth.</summary>
    public static GeoPoint Of(double lat, double lon) =>
        TryCreate(lat, lon, out var p, out string? reason) ? p : throw new ArgumentOutOfRangeException(nameof(lat), reason);

    public override string ToString() => FormattableString.Invariant($"{Lat:0.#####},{Lon:0.#####}");
}
