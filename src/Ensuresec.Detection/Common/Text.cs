using System.Globalization;

namespace Ensuresec.Detection.Common;

/// <summary>Number and text formatting for one-line explanations, culture-invariant.</summary>
internal static class Text
{
    /// <summary>Longest attacker-controlled value quoted in an explanation.</summary>
    private const int MaxQuoted = 80;

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string N(double value) => value >= 10
        ? Math.Round(value).ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span.TotalSeconds < 120
        ? ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s"
        : span.TotalMinutes < 120
            ? ((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min"
            : span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    /// <summary>An attacker-controlled value, shortened and with control characters replaced, so an explanation stays one line.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "\"\"";
        var s = value.Length > MaxQuoted ? value[..MaxQuoted] + "..." : value;
        Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        for (int i = 0; i < s.Length; i++) buffer[i] = char.IsControl(s[i]) ? '?' : s[i];
        return "\"" + new string(buffer) + "\"";
    }
}
