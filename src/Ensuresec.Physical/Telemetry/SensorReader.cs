using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;

namespace Ensuresec.Physical.Telemetry;

/// <summary>
/// Turns a sensor-reading event into a <see cref="SensorReading"/>, or a reason naming the field: a value outside
/// the physical range of its type, a missing or unknown unit, a position outside the Earth. Never throws.
/// </summary>
public static class SensorReader
{
    /// <summary>Plausible range of a cargo or ATM temperature sensor, in °C (wider than any cold chain).</summary>
    public const double MinCelsius = -100, MaxCelsius = 100;

    /// <summary>Plausible range of an acceleration (shock, vibration) in g.</summary>
    public const double MaxG = 1_000;

    /// <summary>A reading, or false with the reason; events that are not sensor readings give false with a null reason.</summary>
    public static bool TryRead(SecurityEvent e, out SensorReading? reading, out string? error)
    {
        ArgumentNullException.ThrowIfNull(e);
        reading = null;
        error = null;
        if (e.Action != EventActions.SensorReading) return false;
        string? id = e.GetString(TelemetryFields.SensorId);
        string? type = e.GetString(TelemetryFields.SensorType)?.ToLowerInvariant();
        if (string.IsNullOrEmpty(id)) return Fail(out error, $"{TelemetryFields.SensorId}: missing");
        if (string.IsNullOrEmpty(type)) return Fail(out error, $"{TelemetryFields.SensorType}: missing");
        if (!GeoReader.TryRead(e, TelemetryFields.Position, out var position, out error)) return false;
        long? sequence = e.GetDouble(TelemetryFields.SensorSequence) is double s && s >= 0 && s <= long.MaxValue && s == Math.Floor(s) ? (long)s : null;
        double? value = null;
        bool? state = null;
        switch (type)
        {
            case SensorTypes.Temperature:
                if (!TryTemperature(e, out value, out error)) return false;
                break;
            case SensorTypes.Humidity:
                if (!TryMeasure(e, ["%", "percent"], 0, 100, out value, out error)) return false;
                break;
            case SensorTypes.Shock or SensorTypes.Vibration:
                if (!TryMeasure(e, ["g"], 0, MaxG, out value, out error)) return false;
                break;
            case SensorTypes.Door or SensorTypes.Seal or SensorTypes.Tamper:
                state = ReadState(e.Find(TelemetryFields.SensorValue));
                if (state is null) return Fail(out error, $"{TelemetryFields.SensorValue}: a {type} sensor reports true/false, 1/0, open/closed or tampered/intact");
                break;
            case SensorTypes.Gps:
                if (position is null) return Fail(out error, $"{TelemetryFields.Position}: a gps reading needs a position");
                break;
            default:
                return Fail(out error, $"{TelemetryFields.SensorType}: unknown type '{Clip(type)}'");
        }

        reading = new SensorReading
        {
            SensorId = id,
            Type = type,
            Value = value,
            State = state,
            Position = position,
            Sequence = sequence,
            VehicleId = e.GetString(TelemetryFields.VehicleId),
            ShipmentId = e.GetString(TelemetryFields.ShipmentId),
            AtmId = e.GetString(TelemetryFields.AtmId),
        };
        return true;
    }

    private static bool TryTemperature(SecurityEvent e, out double? celsius, out string? error)
    {
        celsius = null;
        error = null;
        if (e.GetDouble(TelemetryFields.SensorValue) is not double raw) return Fail(out error, $"{TelemetryFields.SensorValue}: missing or not a number");
        string? unit = e.GetString(TelemetryFields.SensorUnit);
        double? c = unit?.Trim().ToUpperInvariant() switch
        {
            null or "" => null,
            "C" or "°C" or "CEL" or "CELSIUS" => raw,
            "F" or "°F" or "FAH" or "FAHRENHEIT" => (raw - 32) * 5 / 9,
            "K" or "KEL" or "KELVIN" => raw - 273.15,
            _ => double.NaN,
        };
        if (c is null) return Fail(out error, $"{TelemetryFields.SensorUnit}: missing (a temperature needs C, F or K)");
        if (double.IsNaN(c.Value)) return Fail(out error, $"{TelemetryFields.SensorUnit}: unknown unit '{Clip(unit!)}' for a temperature");
        if (c < MinCelsius || c > MaxCelsius)
            return Fail(out error, FormattableString.Invariant($"{TelemetryFields.SensorValue}: {c:0.##} °C is outside the physical range {MinCelsius}..{MaxCelsius} °C"));
        celsius = c;
        return true;
    }

    private static bool TryMeasure(SecurityEvent e, string[] units, double min, double max, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (e.GetDouble(TelemetryFields.SensorValue) is not double raw) return Fail(out error, $"{TelemetryFields.SensorValue}: missing or not a number");
        string? unit = e.GetString(TelemetryFields.SensorUnit)?.Trim();
        if (string.IsNullOrEmpty(unit)) return Fail(out error, $"{TelemetryFields.SensorUnit}: missing (expected {units[0]})");
        if (!units.Contains(unit, StringComparer.OrdinalIgnoreCase)) return Fail(out error, $"{TelemetryFields.SensorUnit}: unknown unit '{Clip(unit)}' (expected {units[0]})");
        if (raw < min || raw > max) return Fail(out error, FormattableString.Invariant($"{TelemetryFields.SensorValue}: {raw:0.##} {units[0]} is outside the physical range {min}..{max}"));
        value = raw;
        return true;
    }

    internal static bool? ReadState(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        switch (v.GetValueKind())
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number when v.TryGetValue(out double d): return d == 1 ? true : d == 0 ? false : null;
            case JsonValueKind.String:
                return v.GetValue<string>().Trim().ToLowerInvariant() switch
                {
                    "open" or "opened" or "tampered" or "triggered" or "broken" or "true" or "1" => true,
                    "closed" or "intact" or "ok" or "false" or "0" => false,
                    _ => null,
                };
            default: return null;
        }
    }

    private static bool Fail(out string? error, string reason)
    {
        error = reason;
        return false;
    }

    /// <summary>Attacker text in a reason stays short; whoever shows the reason escapes it.</summary>
    internal static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
