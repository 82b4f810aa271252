using System.Globalization;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Tests.Support;

/// <summary>Telemetry events for the tests, with ids in creation order.</summary>
internal sealed class Ev
{
    private int _n;

    private string Id() => "t-" + (++_n).ToString(CultureInfo.InvariantCulture);

    public SecurityEvent Temp(DateTimeOffset at, double value, string sensor = "temp-1", string shipment = "S1", string? unit = "C", string vehicle = "V1") =>
        TelemetryEvent.Create(Id(), at, EventActions.SensorReading,
            ("sensor.id", sensor), ("sensor.type", "temperature"), ("sensor.value", value), ("sensor.unit", unit),
            ("shipment.id", shipment), ("sensor.vehicle_id", vehicle));

    public SecurityEvent Gps(DateTimeOffset at, double lat, double lon, string vehicle = "V1", string sensor = "gps-1", long? seq = null) =>
        TelemetryEvent.Create(Id(), at, EventActions.SensorReading,
            ("sensor.id", sensor), ("sensor.type", "gps"), ("sensor.vehicle_id", vehicle), ("observer.geo.location", TelemetryEvent.Point(lat, lon)),
            ("sensor.sequence", seq is null ? null : JsonValue.Create(seq.Value)));

    public SecurityEvent Door(DateTimeOffset at, bool open, string vehicle = "V1", string sensor = "door-1") =>
        TelemetryEvent.Create(Id(), at, EventActions.SensorReading,
            ("sensor.id", sensor), ("sensor.type", "door"), ("sensor.value", open ? "open" : "closed"), ("sensor.vehicle_id", vehicle));

    public SecurityEvent Plan(DateTimeOffset at, IEnumerable<GeoPoint> path, string vehicle = "V1", IEnumerable<GeoPoint>? stops = null, double? corridor = null) =>
        TelemetryEvent.Create(Id(), at, PhysicalActions.RoutePlan,
            ("sensor.vehicle_id", vehicle), ("shipment.route_id", "R1"), ("shipment.id", "S1"), ("route.path", TelemetryEvent.Points(path)),
            ("route.stops", stops is null ? null : TelemetryEvent.Points(stops)), ("route.corridor_m", corridor is null ? null : JsonValue.Create(corridor.Value)));

    public SecurityEvent Scan(DateTimeOffset at, string parcel, string status, string courier, GeoPoint where, GeoPoint destination, string? seal = "seal-1", string route = "R1") =>
        TelemetryEvent.Create(Id(), at, EventActions.ShipmentScan,
            ("parcel.id", parcel), ("shipment.status", status), ("parcel.seal_id", seal), ("shipment.route_id", route),
            ("observer.geo.location", TelemetryEvent.Point(where.Lat, where.Lon)), ("parcel.destination", TelemetryEvent.Point(destination.Lat, destination.Lon))) with { UserName = courier };

    public SecurityEvent Claim(DateTimeOffset at, string parcel, string customer, string courier, string route = "R1") =>
        TelemetryEvent.Create(Id(), at, PhysicalActions.DeliveryClaim, ("parcel.id", parcel), ("shipment.courier", courier), ("shipment.route_id", route)) with { UserName = customer };

    public SecurityEvent AtmSensor(DateTimeOffset at, string atm, string type, JsonNode value, string? unit = null) =>
        TelemetryEvent.Create(Id(), at, EventActions.SensorReading,
            ("sensor.id", atm + "-" + type), ("sensor.type", type), ("sensor.value", value), ("sensor.unit", unit), ("atm.id", atm));

    public SecurityEvent AtmRead(DateTimeOffset at, string atm, string card, string? holder = null) =>
        TelemetryEvent.Create(Id(), at, PhysicalActions.AtmTransaction, ("atm.id", atm)) with { CardFingerprint = card, Outcome = "success", UserName = holder };

    public SecurityEvent AtmService(DateTimeOffset at, string atm) => TelemetryEvent.Create(Id(), at, PhysicalActions.AtmService, ("atm.id", atm));

    public SecurityEvent Payment(DateTimeOffset at, string card, string ip, string user) => new()
    {
        Id = Id(), Timestamp = at, Action = EventActions.PaymentAttempt, Outcome = "success", SourceIp = ip, UserName = user,
        CardFingerprint = card, PaymentAmount = 49.90m, PaymentCurrency = "EUR",
    };
}
