using System.Globalization;
using Ensuresec.Core.Events;
using Ensuresec.Store.Queries;

namespace Ensuresec.Server.Api;

/// <summary>Reads query-string filters; the first bad one becomes <see cref="Error"/> (a 400), never an exception.</summary>
internal sealed class QueryParser
{
    /// <summary>Longest filter text accepted (ids and entity values are far shorter).</summary>
    public const int MaxTextLength = 512;

    public string? Error { get; private set; }

    public Severity? Severity(string name, string? text)
    {
        if (text is null) return null;
        if (SeverityNames.TryParse(text, out var s)) return s;
        Fail(name, "must be one of info, low, medium, high, critical");
        return null;
    }

    public string? Text(string name, string? text)
    {
        if (text is null) return null;
        if (text.Length == 0 || text.Length > MaxTextLength) Fail(name, $"must have 1 to {MaxTextLength} characters");
        return text;
    }

    public DateTimeOffset? Time(string name, string? text)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
        Fail(name, "must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z");
        return null;
    }

    public int Limit(string? text)
    {
        if (text is null) return Paging.DefaultLimit;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v is >= 1 and <= Paging.MaxLimit) return v;
        Fail("limit", $"must be an integer from 1 to {Paging.MaxLimit}");
        return Paging.DefaultLimit;
    }

    public long Offset(string? text)
    {
        if (text is null) return 0;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v >= 0) return v;
        Fail("offset", "must be a non-negative integer");
        return 0;
    }

    private void Fail(string name, string reason) => Error ??= $"{name}: {reason}";
}
