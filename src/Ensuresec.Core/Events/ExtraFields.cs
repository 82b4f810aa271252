using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ensuresec.Core.Events;

/// <summary>
/// Reads our own fields (refund.*, order.*, sensor.*, ...) from <see cref="SecurityEvent.Extra"/> by dotted
/// path. The parser expands dotted keys into nested objects, so "refund.amount" is Extra["refund"]["amount"].
/// A value of the wrong type reads as missing: detectors must not throw on what a sender got wrong.
/// </summary>
public static class ExtraFields
{
    /// <summary>The node at the dotted path, or null when any segment is missing or not an object.</summary>
    public static JsonNode? Find(this SecurityEvent e, string dottedPath)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(dottedPath);
        JsonNode? node = e.Extra;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node)) return null;
        }

        return node;
    }

    /// <summary>A string value (numbers and booleans are not converted), or null.</summary>
    public static string? GetString(this SecurityEvent e, string dottedPath) =>
        e.Find(dottedPath) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A number, or a string holding an invariant-culture number; null otherwise (also for NaN and infinities).</summary>
    public static double? GetDouble(this SecurityEvent e, string dottedPath)
    {
        if (e.Find(dottedPath) is not JsonValue v) return null;
        double value;
        switch (v.GetValueKind())
        {
            case JsonValueKind.Number:
                if (!v.TryGetValue(out value)) value = double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                break;
            case JsonValueKind.String:
                if (!double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return null;
                break;
            default:
                return null;
        }

        return double.IsFinite(value) ? value : null;
    }

    /// <summary>A decimal amount (number or numeric string), or null when missing, malformed or out of decimal's range.</summary>
    public static decimal? GetDecimal(this SecurityEvent e, string dottedPath)
    {
        if (e.Find(dottedPath) is not JsonValue v) return null;
        string? text = v.GetValueKind() switch
        {
            JsonValueKind.Number => v.ToJsonString(),
            JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };
        return text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>A JSON boolean, or null.</summary>
    public static bool? GetBool(this SecurityEvent e, string dottedPath) =>
        e.Find(dottedPath) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;
}
