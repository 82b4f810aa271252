namespace Ensuresec.Physical.Telemetry;

/// <summary>The field names of physical telemetry (docs/EVENTS.md, "Physical telemetry"). ECS names where ECS has one.</summary>
public static class TelemetryFields
{
    /// <summary>ECS geo_point of the device that observed the event (GPS tracker, scanner, ATM).</summary>
    public const string Position = "observer.geo.location";
    public const string SensorId = "sensor.id";
    public const string SensorType = "sensor.type";
    public const string SensorValue = "sensor.value";
    public const string SensorUnit = "sensor.unit";
    /// <summary>A counter the sensor increments per reading; tells a clock going backwards from a late delivery.</summary>
    public const string SensorSequence = "sensor.sequence";
    public const string VehicleId = "sensor.vehicle_id";
    public const string ShipmentId = "shipment.id";
    public const string ShipmentStatus = "shipment.status";
    public const string RouteId = "shipment.route_id";
    public const string Courier = "shipment.courier";
    public const string ParcelId = "parcel.id";
    public const string SealId = "parcel.seal_id";
    public const string Destination = "parcel.destination";
    public const string AtmId = "atm.id";
    public const string AtmComponent = "atm.component";
    public const string RoutePath = "route.path";
    public const string RouteStops = "route.stops";
    public const string RouteDepots = "route.depots";
    public const string RouteCorridor = "route.corridor_m";
}

/// <summary>The values of sensor.type we interpret.</summary>
public static class SensorTypes
{
    public const string Temperature = "temperature";
    public const string Humidity = "humidity";
    public const string Door = "door";
    public const string Seal = "seal";
    public const string Shock = "shock";
    public const string Tamper = "tamper";
    public const string Vibration = "vibration";
    public const string Gps = "gps";
}

/// <summary>The event.action values of the physical side (added to the list in docs/EVENTS.md).</summary>
public static class PhysicalActions
{
    /// <summary>A planned route for a vehicle: path, corridor, depots and stops.</summary>
    public const string RoutePlan = "route-plan";

    /// <summary>A customer says a parcel never arrived.</summary>
    public const string DeliveryClaim = "delivery-claim";

    /// <summary>A card used at an ATM (card present).</summary>
    public const string AtmTransaction = "atm-transaction";

    /// <summary>A scheduled service visit at an ATM (opens its door legitimately); event.outcome success when it ends.</summary>
    public const string AtmService = "atm-service";
}

/// <summary>The entity kinds of physical assets, named after the fields they come from.</summary>
public static class AssetKinds
{
    public const string Vehicle = TelemetryFields.VehicleId;
    public const string Shipment = TelemetryFields.ShipmentId;
    public const string Parcel = TelemetryFields.ParcelId;
    public const string Route = TelemetryFields.RouteId;
    public const string Atm = TelemetryFields.AtmId;
    public const string Sensor = TelemetryFields.SensorId;

    /// <summary>A site of the asset map: a depot, warehouse, pharmacy, delivery point or bank branch.</summary>
    public const string Site = "site.id";

    /// <summary>A container of the asset map (a cool box, a roll cage) that carries parcels or sensors.</summary>
    public const string Container = "container.id";

    /// <summary>The kinds the incident correlator may join on, with the asset gap.</summary>
    public static IReadOnlyList<string> Joinable { get; } = [Vehicle, Shipment, Parcel, Atm, Site];
}
