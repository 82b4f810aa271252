using System.Globalization;

namespace Ensuresec.Ingest;

/// <summary>Parses the time variables of access logs by hand: the hot path must not go through culture-aware parsing.</summary>
internal static class AccessLogTime
{
    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssK"];

    /// <summary>$time_local: <c>17/May/2015:10:05:03 +0000</c>.</summary>
    public static bool TryParseLocal(ReadOnlySpan<char> s, out DateTimeOffset value, out string? reason)
    {
        value = default;
        if (s.Length != 26 || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':' || s[17] != ':' || s[20] != ' '
            || (s[21] != '+' && s[21] != '-'))
        {
            reason = "expected dd/Mon/yyyy:HH:mm:ss +hhmm";
            return false;
        }

        int month = Month(s[3], s[4], s[5]);
        if (month == 0)
        {
            reason = $"unknown month '{s.Slice(3, 3)}'";
            return false;
        }

        if (!TryDigits(s.Slice(0, 2), out int day) || !TryDigits(s.Slice(7, 4), out int year) || !TryDigits(s.Slice(12, 2), out int hour)
            || !TryDigits(s.Slice(15, 2), out int minute) || !TryDigits(s.Slice(18, 2), out int second)
            || !TryDigits(s.Slice(22, 2), out int offsetHours) || !TryDigits(s.Slice(24, 2), out int offsetMinutes))
        {
            reason = "expected digits in dd/Mon/yyyy:HH:mm:ss +hhmm";
            return false;
        }

        int offset = (offsetHours * 60) + offsetMinutes;
        return TryBuild(year, month, day, hour, minute, second, s[21] == '-' ? -offset : offset, offsetMinutes, out value, out reason);
    }

    /// <summary>$time_iso8601: <c>2015-05-17T10:05:03+00:00</c>.</summary>
    public static bool TryParseIso(ReadOnlySpan<char> s, out DateTimeOffset value, out string? reason)
    {
        if (DateTimeOffset.TryParseExact(s, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            reason = null;
            return true;
        }

        reason = "expected yyyy-MM-ddTHH:mm:ss+hh:mm";
        return false;
    }

    /// <summary>$msec: Unix seconds with milliseconds, <c>1431857103.123</c>.</summary>
    public static bool TryParseMsec(ReadOnlySpan<char> s, out DateTimeOffset value, out string? reason)
    {
        value = default;
        int dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : s[(dot + 1)..];
        if (whole.Length is 0 or > 12 || fraction.Length > 3 || !TryDigits(whole, out long seconds) || !TryDigits(fraction, out int millis))
        {
            reason = "expected Unix seconds with up to 3 decimals";
            return false;
        }

        for (int k = fraction.Length; k < 3; k++) millis *= 10;
        long ms = (seconds * 1000) + millis;
        if (ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            reason = "time after year 9999";
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        reason = null;
        return true;
    }

    private static bool TryBuild(int year, int month, int day, int hour, int minute, int second, int offsetMinutesTotal, int offsetMinutes,
        out DateTimeOffset value, out string? reason)
    {
        value = default;
        if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            reason = "day out of range for the month";
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            reason = "time of day out of range";
            return false;
        }

        if (offsetMinutes > 59 || Math.Abs(offsetMinutesTotal) > 14 * 60)
        {
            reason = "UTC offset out of range (at most \u00b11400)";
            return false;
        }

        long local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks;
        long offsetTicks = offsetMinutesTotal * TimeSpan.TicksPerMinute;
        long utc = local - offsetTicks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            reason = "time out of range once the offset is applied";
            return false;
        }

        value = new DateTimeOffset(local, new TimeSpan(offsetTicks));
        reason = null;
        return true;
    }

    private static int Month(char a, char b, char c) => (a, b, c) switch
    {
        ('J', 'a', 'n') => 1,
        ('F', 'e', 'b') => 2,
        ('M', 'a', 'r') => 3,
        ('A', 'p', 'r') => 4,
        ('M', 'a', 'y') => 5,
        ('J', 'u', 'n') => 6,
        ('J', 'u', 'l') => 7,
        ('A', 'u', 'g') => 8,
        ('S', 'e', 'p') => 9,
        ('O', 'c', 't') => 10,
        ('N', 'o', 'v') => 11,
        ('D', 'e', 'c') => 12,
        _ => 0,
    };

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        bool ok = TryDigits(s, out long v);
        value = (int)v;
        return ok && v <= int.MaxValue;
    }

    internal static bool TryDigits(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.Length > 18) return false;
        foreach (char c in s)
        {
            uint d = (uint)(c - '0');
            if (d > 9) return false;
            value = (value * 10) + d;
        }

        return true;
    }
}
