namespace Ensuresec.Physical.Telemetry;

/// <summary>
/// One sensor-reading event, checked: <see cref="Value"/> is in the canonical unit of its type (°C, %, g),
/// <see cref="State"/> is true for open, tampered or triggered, and <see cref="Position"/> is on the Earth.
/// </summary>
public sealed record SensorReading
{
    public required string SensorId { get; init; }

    public required string Type { get; init; }

    public double? Value { get; init; }

    public bool? State { get; init; }

    public GeoPoint? Position { get; init; }

    public long? Sequence { get; init; }

    public string? VehicleId { get; init; }

    public string? ShipmentId { get; init; }

    public string? AtmId { get; init; }
}
