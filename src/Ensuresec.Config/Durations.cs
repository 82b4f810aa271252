using System.Globalization;

namespace Ensuresec.Config;

/// <summary>Durations as people write them in configuration: 500ms, 30s, 5m, 1h, 7d, or hh:mm:ss.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        (string unit, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => ("ms", 1.0),
            _ when text.EndsWith('s') => ("s", 1_000.0),
            _ when text.EndsWith('m') => ("m", 60_000.0),
            _ when text.EndsWith('h') => ("h", 3_600_000.0),
            _ when text.EndsWith('d') => ("d", 86_400_000.0),
            _ => ("", 0.0),
        };
        if (unit.Length == 0)
        {
            return TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        if (!double.TryParse(text.AsSpan(0, text.Length - unit.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n)) return false;
        double ms = n * scale;
        // Ten years is far beyond any window we use; larger values are typos.
        if (double.IsNaN(ms) || ms < 0 || ms > TimeSpan.FromDays(3650).TotalMilliseconds) return false;
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    public static string Format(TimeSpan value) => value switch
    {
        _ when value.Ticks % TimeSpan.TicksPerDay == 0 && value.Ticks > 0 => $"{value.TotalDays:0}d",
        _ when value.Ticks % TimeSpan.TicksPerHour == 0 && value.Ticks > 0 => $"{value.TotalHours:0}h",
        _ when value.Ticks % TimeSpan.TicksPerMinute == 0 && value.Ticks > 0 => $"{value.TotalMinutes:0}m",
        _ when value.Ticks % TimeSpan.TicksPerSecond == 0 => $"{value.TotalSeconds:0}s",
        _ => $"{value.TotalMilliseconds:0}ms",
    };
}
