using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;

namespace Ensuresec.Physical.Telemetry;

/// <summary>
/// Reads ECS geo_point values: an object {"lat":..,"lon":..}, a GeoJSON-order array [lon, lat], or a "lat,lon"
/// string. A value that is present but not a position on the Earth gives a reason naming the field.
/// </summary>
public static class GeoReader
{
    /// <summary>Most points read from one list (a route's path); longer lists are an error, not a slow detector.</summary>
    public const int MaxPoints = 5_000;

    /// <summary>False with a reason when present and invalid; true with null when missing.</summary>
    public static bool TryRead(SecurityEvent e, string field, out GeoPoint? point, out string? error)
    {
        ArgumentNullException.ThrowIfNull(e);
        return TryParse(e.Find(field), field, out point, out error);
    }

    /// <summary>A list of points (a path, depots, stops); an empty list when missing.</summary>
    public static bool TryReadList(SecurityEvent e, string field, out List<GeoPoint> points, out string? error)
    {
        ArgumentNullException.ThrowIfNull(e);
        points = [];
        error = null;
        var node = e.Find(field);
        if (node is null) return true;
        if (node is not JsonArray array)
        {
            error = $"{field}: must be an array of positions";
            return false;
        }

        if (array.Count > MaxPoints)
        {
            error = $"{field}: {array.Count} positions, at most {MaxPoints}";
            return false;
        }

        for (int i = 0; i < array.Count; i++)
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            if (!TryParse(array[i], at, out var p, out error)) return false;
            if (p is null)
            {
                error = $"{at}: missing position";
                return false;
            }

            points.Add(p.Value);
        }

        return true;
    }

    internal static bool TryParse(JsonNode? node, string field, out GeoPoint? point, out string? error)
    {
        point = null;
        error = null;
        double? lat = null, lon = null;
        switch (node)
        {
            case null:
                return true;
            case JsonObject o:
                lat = Number(o["lat"]);
                lon = Number(o["lon"]);
                break;
            case JsonArray a when a.Count == 2:
                lon = Number(a[0]);
                lat = Number(a[1]);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var parts = v.GetValue<string>().Split(',');
                if (parts.Length == 2)
                {
                    lat = ParseNumber(parts[0]);
                    lon = ParseNumber(parts[1]);
                }

                break;
        }

        if (lat is null || lon is null)
        {
            error = $"{field}: not a position (expected {{\"lat\":..,\"lon\":..}}, [lon, lat] or \"lat,lon\")";
            return false;
        }

        if (!GeoPoint.TryCreate(lat.Value, lon.Value, out var p, out string? reason))
        {
            error = $"{field}: {reason}";
            return false;
        }

        point = p;
        return true;
    }

    private static double? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue(out double d) && double.IsFinite(d) ? d : double.NaN,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => ParseNumber(v.GetValue<string>()),
        _ => null,
    };

    private static double? ParseNumber(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
}
