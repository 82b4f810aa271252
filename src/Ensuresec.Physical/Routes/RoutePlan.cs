using Ensuresec.Core.Events;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Routes;

/// <summary>A vehicle's planned route: the path it should follow, the corridor around it, and where it may stop.</summary>
internal sealed record RoutePlan(string? RouteId, string? ShipmentId, IReadOnlyList<GeoPoint> Path, double Corridor, IReadOnlyList<GeoPoint> Places, DateTimeOffset Since)
{
    /// <summary>A plan from a route-plan event, or a reason naming the field.</summary>
    public static bool TryRead(SecurityEvent e, double defaultCorridor, out RoutePlan? plan, out string? error)
    {
        plan = null;
        if (!GeoReader.TryReadList(e, TelemetryFields.RoutePath, out var path, out error)) return false;
        if (!GeoReader.TryReadList(e, TelemetryFields.RouteDepots, out var depots, out error)) return false;
        if (!GeoReader.TryReadList(e, TelemetryFields.RouteStops, out var stops, out error)) return false;
        if (path.Count == 0)
        {
            error = $"{TelemetryFields.RoutePath}: missing or empty";
            return false;
        }

        double corridor = defaultCorridor;
        if (e.Find(TelemetryFields.RouteCorridor) is not null)
        {
            if (e.GetDouble(TelemetryFields.RouteCorridor) is not double c || c < 1 || c > 100_000)
            {
                error = $"{TelemetryFields.RouteCorridor}: must be a number of metres from 1 to 100000";
                return false;
            }

            corridor = c;
        }

        // The path's ends are where the vehicle loads and unloads: places it may stop and open its doors.
        var places = depots.Concat(stops).Append(path[0]).Append(path[^1]).ToList();
        plan = new RoutePlan(e.GetString(TelemetryFields.RouteId), e.GetString(TelemetryFields.ShipmentId), path, corridor, places, e.Timestamp);
        return true;
    }
}
