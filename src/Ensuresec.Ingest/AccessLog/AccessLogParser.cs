using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Ensuresec.Core.Events;

namespace Ensuresec.Ingest;

/// <summary>
/// Turns access-log lines into http-request events, without regular expressions and allocating only the strings
/// that end up in the event. Not thread-safe: it reuses the previous line's address, referrer and user agent strings
/// when they repeat, so use one instance per reader.
/// </summary>
public sealed class AccessLogParser
{
    /// <summary>Default longest line, in characters.</summary>
    public const int DefaultMaxLineLength = 16 * 1024;

    private readonly AccessLogSegment[] _segments;
    private string? _lastIp;
    private string? _lastReferrer;
    private string? _lastAgent;

    /// <param name="format">The layout; <see cref="AccessLogFormat.Combined"/> if null.</param>
    /// <param name="dataset">event.dataset of the events, e.g. nginx.access or apache.access.</param>
    /// <param name="maxLineLength">Longer lines are rejected with an error.</param>
    public AccessLogParser(AccessLogFormat? format = null, string dataset = "nginx.access", int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        Format = format ?? AccessLogFormat.Combined;
        Dataset = dataset;
        MaxLineLength = maxLineLength;
        _segments = Format.Segments;
    }

    public AccessLogFormat Format { get; }

    public string Dataset { get; }

    public int MaxLineLength { get; }

    /// <summary>
    /// Parses one line (without its line break). The event id and origin are "<paramref name="source"/>:<paramref name="lineNumber"/>",
    /// stable across runs and unique per line of a source.
    /// </summary>
    /// <returns>True with the event, or false with an error naming the line, the variable and the reason.</returns>
    public bool TryParse(ReadOnlySpan<char> line, string source, long lineNumber,
        [NotNullWhen(true)] out SecurityEvent? securityEvent, [NotNullWhen(false)] out ParseError? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        securityEvent = null;
        if (line.Length > MaxLineLength)
        {
            error = new ParseError(source, lineNumber, "line", $"line is {line.Length} characters, over the limit of {MaxLineLength}");
            return false;
        }

        var fields = default(AccessLogFields);
        var segments = _segments;
        int pos = 0;
        for (int k = 0; k < segments.Length; k++)
        {
            var segment = segments[k];
            if (segment.IsLiteral)
            {
                if (!line[pos..].StartsWith(segment.Literal, StringComparison.Ordinal))
                {
                    string field = k > 0 ? segments[k - 1].Name! : "line";
                    string reason = pos >= line.Length
                        ? $"line ends early, expected \"{segment.Literal}\" (truncated?)"
                        : $"expected \"{segment.Literal}\"";
                    error = Fail(source, lineNumber, field, reason, pos);
                    return false;
                }

                pos += segment.Literal!.Length;
                continue;
            }

            int end = FindEnd(line, pos, k, out string? endError);
            if (end < 0)
            {
                error = Fail(source, lineNumber, segment.Name!, endError!, pos);
                return false;
            }

            if (!Assign(segment, line[pos..end], ref fields, out string? assignError))
            {
                error = Fail(source, lineNumber, segment.Name!, assignError, pos);
                return false;
            }

            pos = end;
        }

        if (pos != line.Length)
        {
            error = Fail(source, lineNumber, "line", "unexpected text after the last field", pos);
            return false;
        }

        string id = string.Create(CultureInfo.InvariantCulture, $"{source}:{lineNumber}");
        int? status = fields.Status;
        securityEvent = new SecurityEvent
        {
            Id = id,
            Timestamp = fields.Timestamp!.Value,
            Kind = "event",
            Category = "web",
            Action = EventActions.HttpRequest,
            Outcome = status is null ? EventOutcomes.Unknown : status < 400 ? EventOutcomes.Success : EventOutcomes.Failure,
            Dataset = Dataset,
            SourceIp = fields.SourceIp,
            UserName = fields.UserName,
            HttpMethod = fields.Method ?? fields.RequestMethod,
            UrlPath = fields.Path ?? fields.RequestPath,
            UrlQuery = fields.HasQuery ? fields.Query : fields.RequestQuery,
            HttpVersion = fields.Version,
            StatusCode = status,
            ResponseBytes = fields.Bytes,
            Referrer = fields.Referrer,
            UserAgent = fields.UserAgent,
            Extra = fields.Extra,
            Origin = id,
        };
        error = null;
        return true;
    }

    private static ParseError Fail(string source, long lineNumber, string field, string reason, int pos) =>
        new(source, lineNumber, field, reason) { Column = pos + 1 };

    // Where the variable at segments[k], starting at pos, ends: at the next literal, or the end of the line.
    private int FindEnd(ReadOnlySpan<char> line, int pos, int k, out string? error)
    {
        error = null;
        var segments = _segments;
        if (k == segments.Length - 1) return line.Length;
        string next = segments[k + 1].Literal!;
        bool nextIsLast = k + 1 == segments.Length - 1;
        if (segments[k].Quoted)
        {
            int from = pos;
            while (true)
            {
                int quote = from < line.Length ? AccessLogEscapes.IndexOfClosingQuote(line, from) : -1;
                if (quote < 0)
                {
                    error = "quoted value is never closed (line truncated?)";
                    return -1;
                }

                // A stray unescaped quote inside the value is kept when what follows it is not the next literal.
                if (line[quote..].StartsWith(next, StringComparison.Ordinal) && (!nextIsLast || quote + next.Length == line.Length)) return quote;
                from = quote + 1;
            }
        }

        if (nextIsLast)
        {
            if (line.Length - next.Length >= pos && line.EndsWith(next, StringComparison.Ordinal)) return line.Length - next.Length;
            error = $"line does not end with \"{next}\" (truncated?)";
            return -1;
        }

        int rel = line[pos..].IndexOf(next, StringComparison.Ordinal);
        if (rel >= 0) return pos + rel;
        error = $"no \"{next}\" after the value (truncated?)";
        return -1;
    }

    private bool Assign(in AccessLogSegment segment, ReadOnlySpan<char> value, ref AccessLogFields f, [NotNullWhen(false)] out string? error)
    {
        error = null;
        bool dash = value is "-";
        switch (segment.Variable)
        {
            case AccessLogVariable.RemoteAddr:
                return TryAddress(value, ref f, out error);
            case AccessLogVariable.RemoteUser:
                if (!dash && value.Length > 0) f.UserName = AccessLogEscapes.Unescape(value);
                return true;
            case AccessLogVariable.TimeLocal:
                return TrySetTime(AccessLogTime.TryParseLocal(value, out var local, out error), local, ref f);
            case AccessLogVariable.TimeIso8601:
                return TrySetTime(AccessLogTime.TryParseIso(value, out var iso, out error), iso, ref f);
            case AccessLogVariable.Msec:
                return TrySetTime(AccessLogTime.TryParseMsec(value, out var msec, out error), msec, ref f);
            case AccessLogVariable.Request:
                AccessLogRequest.Split(value, ref f);
                return true;
            case AccessLogVariable.RequestMethod:
                if (!dash && value.Length > 0) f.Method = AccessLogRequest.Method(value);
                return true;
            case AccessLogVariable.RequestUri:
                if (!dash && value.Length > 0) AccessLogRequest.SplitTarget(AccessLogEscapes.Unescape(value), out f.Path, out f.Query, out f.HasQuery);
                return true;
            case AccessLogVariable.Uri:
                if (!dash && value.Length > 0) f.Path = AccessLogEscapes.Unescape(value);
                return true;
            case AccessLogVariable.Args:
                if (!dash)
                {
                    f.Query = AccessLogEscapes.Unescape(value);
                    f.HasQuery = true;
                }

                return true;
            case AccessLogVariable.Status:
                if (value.Length is 0 or > 3 || !AccessLogTime.TryDigits(value, out long status))
                {
                    error = $"status '{Excerpt(value)}' is not a 3-digit number";
                    return false;
                }

                f.Status = (int)status;
                return true;
            case AccessLogVariable.BodyBytesSent:
                return dash || TryCount(value, out f.Bytes, out error);
            case AccessLogVariable.BytesSent:
                if (dash) return true;
                if (!TryCount(value, out long? sent, out error)) return false;
                f.SetExtra("http.response.bytes", sent);
                return true;
            case AccessLogVariable.HttpReferer:
                if (!dash && value.Length > 0) f.Referrer = Reuse(ref _lastReferrer, value);
                return true;
            case AccessLogVariable.HttpUserAgent:
                if (!dash && value.Length > 0) f.UserAgent = Reuse(ref _lastAgent, value);
                return true;
            case AccessLogVariable.HttpXForwardedFor:
                if (!dash && value.Length > 0) f.SetExtra("network.forwarded_ip", AccessLogEscapes.Unescape(value));
                return true;
            case AccessLogVariable.RequestTime:
                return dash || TryDuration(value, ref f, out error);
            case AccessLogVariable.Host:
                if (!dash && value.Length > 0) f.SetExtra("url.domain", AccessLogEscapes.Unescape(value));
                return true;
            default:
                if (!dash) f.SetExtra(segment.Name!, AccessLogEscapes.Unescape(value));
                return true;
        }
    }

    private static bool TrySetTime(bool ok, DateTimeOffset value, ref AccessLogFields f)
    {
        if (ok) f.Timestamp = value;
        return ok;
    }

    private bool TryAddress(ReadOnlySpan<char> value, ref AccessLogFields f, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (_lastIp is not null && value.SequenceEqual(_lastIp))
        {
            f.SourceIp = _lastIp;
            return true;
        }

        var bare = value.Length > 2 && value[0] == '[' && value[^1] == ']' ? value[1..^1] : value;
        if (!IPAddress.TryParse(bare, out _))
        {
            error = $"'{Excerpt(value)}' is not an IP address";
            return false;
        }

        f.SourceIp = _lastIp = new string(bare);
        return true;
    }

    private static bool TryCount(ReadOnlySpan<char> value, out long? count, [NotNullWhen(false)] out string? error)
    {
        count = null;
        error = null;
        if (value.Length == 0 || !AccessLogTime.TryDigits(value, out long n))
        {
            error = value.Length > 18 && !value.ContainsAnyExceptInRange('0', '9')
                ? $"number '{Excerpt(value)}' is too large"
                : $"'{Excerpt(value)}' is not a byte count";
            return false;
        }

        count = n;
        return true;
    }

    private static bool TryDuration(ReadOnlySpan<char> value, ref AccessLogFields f, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (value.Length > 20 || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds))
        {
            error = $"'{Excerpt(value)}' is not a duration in seconds";
            return false;
        }

        // ECS event.duration is in nanoseconds.
        f.SetExtra("event.duration", (long)(seconds * 1_000_000_000m));
        return true;
    }

    private static string Reuse(ref string? last, ReadOnlySpan<char> value)
    {
        // Only unescaped values are remembered, so equal text means an equal result.
        if (last is not null && value.SequenceEqual(last)) return last;
        string text = AccessLogEscapes.Unescape(value);
        if (!value.Contains('\\')) last = text;
        return text;
    }

    private static string Excerpt(ReadOnlySpan<char> value) => value.Length <= 40 ? new string(value) : string.Concat(value[..40], "...");
}
