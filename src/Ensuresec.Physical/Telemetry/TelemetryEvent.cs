using System.Text.Json.Nodes;
using Ensuresec.Core.Events;

namespace Ensuresec.Physical.Telemetry;

/// <summary>Builds events with our fields in <see cref="SecurityEvent.Extra"/> from dotted paths, nested as the parser would.</summary>
public static class TelemetryEvent
{
    /// <summary>An event of <paramref name="action"/>; each field is a dotted path and a value (null values are left out).</summary>
    public static SecurityEvent Create(string id, DateTimeOffset at, string action, params (string Path, JsonNode? Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var extra = new JsonObject();
        foreach (var (path, value) in fields)
        {
            if (value is null) continue;
            var parts = path.Split('.');
            var node = extra;
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (node[parts[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[parts[i]] = child;
                }

                node = child;
            }

            node[parts[^1]] = value;
        }

        return new SecurityEvent
        {
            Id = id,
            Timestamp = at,
            Kind = "event",
            Category = action switch
            {
                EventActions.SensorReading => "sensor",
                EventActions.ShipmentScan or PhysicalActions.RoutePlan or PhysicalActions.DeliveryClaim => "shipment",
                _ => null,
            },
            Action = action,
            Extra = extra,
        };
    }

    /// <summary>An ECS geo_point object.</summary>
    public static JsonObject Point(double lat, double lon) => new() { ["lat"] = lat, ["lon"] = lon };

    /// <summary>A JSON array of geo_point objects.</summary>
    public static JsonArray Points(IEnumerable<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return new JsonArray(points.Select(p => (JsonNode)Point(p.Lat, p.Lon)).ToArray());
    }
}
