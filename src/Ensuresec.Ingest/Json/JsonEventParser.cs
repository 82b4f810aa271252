using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Ensuresec.Core.Events;

namespace Ensuresec.Ingest;

/// <summary>
/// Turns one JSON object with ECS field names into a <see cref="SecurityEvent"/>. Nested objects and dotted keys
/// are both accepted, and mixed; fields without a property are kept in <see cref="SecurityEvent.Extra"/>.
/// Stateless and thread-safe.
/// </summary>
public sealed class JsonEventParser
{
    /// <summary>Default largest object, in bytes.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>Default deepest nesting of objects and arrays.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>Longest event.id accepted.</summary>
    public const int MaxIdLength = 512;

    /// <summary>Prefix of ids derived from the content when event.id is missing.</summary>
    public const string DerivedIdPrefix = "sha256:";

    public JsonEventParser(int maxBytes = DefaultMaxBytes, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        MaxBytes = maxBytes;
        MaxDepth = maxDepth;
    }

    /// <summary>A parser with the default limits.</summary>
    public static JsonEventParser Default { get; } = new();

    public int MaxBytes { get; }

    public int MaxDepth { get; }

    /// <summary>Parses a UTF-16 string (tests, tools); see the UTF-8 overload.</summary>
    public bool TryParse(string json, string source, long line, [NotNullWhen(true)] out SecurityEvent? securityEvent, [NotNullWhen(false)] out ParseError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(Encoding.UTF8.GetBytes(json), source, line, out securityEvent, out error);
    }

    /// <summary>
    /// Parses one JSON object. Origin is "<paramref name="source"/>:<paramref name="line"/>"; a missing event.id becomes
    /// "sha256:" and the hex SHA-256 of the object's bytes, so that a resend is recognised as the same event.
    /// </summary>
    /// <returns>True with the event, or false with an error naming the field and the reason.</returns>
    public bool TryParse(ReadOnlySpan<byte> utf8Json, string source, long line,
        [NotNullWhen(true)] out SecurityEvent? securityEvent, [NotNullWhen(false)] out ParseError? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        securityEvent = null;
        utf8Json = utf8Json.Trim(" \t\r\n"u8);
        if (utf8Json.Length > MaxBytes)
        {
            error = new ParseError(source, line, "line", $"object is {utf8Json.Length} bytes, over the limit of {MaxBytes}");
            return false;
        }

        if (!Utf8.IsValid(utf8Json))
        {
            error = new ParseError(source, line, "line", "invalid UTF-8") { Column = FirstInvalidUtf8(utf8Json) + 1 };
            return false;
        }

        var fields = new JsonEventFields();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        string? failedField;
        string? reason;
        try
        {
            if (!reader.Read())
            {
                error = new ParseError(source, line, "line", "empty input, expected a JSON object");
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = new ParseError(source, line, "line", $"expected a JSON object, found {Describe(reader.TokenType)}") { Column = 1 };
                return false;
            }

            if (JsonEventReader.TryReadObject(ref reader, "", fields, out failedField, out reason) && reader.Read())
            {
                failedField = "line";
                reason = "text after the end of the JSON object";
            }
        }
        catch (JsonException ex)
        {
            error = new ParseError(source, line, "json", ShortMessage(ex)) { Column = (int)(ex.BytePositionInLine ?? 0) + 1 };
            return false;
        }

        if (failedField is not null)
        {
            error = new ParseError(source, line, failedField, reason!) { Column = (int)reader.TokenStartIndex + 1 };
            return false;
        }

        return TryBuild(fields, utf8Json, source, line, out securityEvent, out error);
    }

    private static bool TryBuild(JsonEventFields f, ReadOnlySpan<byte> utf8Json, string source, long line,
        [NotNullWhen(true)] out SecurityEvent? securityEvent, [NotNullWhen(false)] out ParseError? error)
    {
        securityEvent = null;
        if (f.Timestamp is null)
        {
            error = new ParseError(source, line, EcsFieldNames.Timestamp, "missing; every event needs the time it happened");
            return false;
        }

        string? id = f[EcsField.Id];
        if (id is not null && (id.Length == 0 || id.Length > MaxIdLength))
        {
            error = new ParseError(source, line, "event.id", $"must be 1 to {MaxIdLength} characters");
            return false;
        }

        id ??= DerivedIdPrefix + Convert.ToHexStringLower(SHA256.HashData(utf8Json));
        string? path = f[EcsField.UrlPath];
        string? query = f[EcsField.UrlQuery];
        if (path is null && f[EcsField.UrlOriginal] is { } original)
        {
            SplitUrl(original, out path, out string? originalQuery);
            query ??= originalQuery;
        }

        securityEvent = new SecurityEvent
        {
            Id = id,
            Timestamp = f.Timestamp.Value,
            Kind = f[EcsField.Kind],
            Category = f[EcsField.Category],
            Action = f[EcsField.Action],
            Outcome = f[EcsField.Outcome],
            Dataset = f[EcsField.Dataset],
            SourceIp = f[EcsField.SourceIp],
            UserName = f[EcsField.UserName],
            UserEmail = f[EcsField.UserEmail],
            HttpMethod = f[EcsField.HttpMethod],
            UrlPath = path,
            UrlQuery = query,
            HttpVersion = f[EcsField.HttpVersion],
            StatusCode = f.StatusCode,
            ResponseBytes = f.ResponseBytes,
            Referrer = f[EcsField.Referrer],
            UserAgent = f[EcsField.UserAgent],
            PaymentAmount = f.PaymentAmount,
            PaymentCurrency = f[EcsField.PaymentCurrency],
            CardFingerprint = f[EcsField.CardFingerprint],
            Extra = f.Extra,
            Origin = string.Create(CultureInfo.InvariantCulture, $"{source}:{line}"),
        };
        error = null;
        return true;
    }

    // url.original may be absolute (https://host/p?q#f) or a request target (/p?q).
    internal static void SplitUrl(string url, out string? path, out string? query)
    {
        var s = url.AsSpan();
        int hash = s.IndexOf('#');
        if (hash >= 0) s = s[..hash];
        int scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && s[..scheme].IndexOfAny('/', '?') < 0)
        {
            var afterAuthority = s[(scheme + 3)..];
            int slash = afterAuthority.IndexOfAny('/', '?');
            s = slash < 0 ? ReadOnlySpan<char>.Empty : afterAuthority[slash..];
        }

        int q = s.IndexOf('?');
        var p = q < 0 ? s : s[..q];
        path = p.Length == 0 ? null : new string(p);
        query = q < 0 ? null : new string(s[(q + 1)..]);
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };

    internal static string ShortMessage(JsonException ex)
    {
        string message = ex.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    internal static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done) return i;
            i += consumed;
        }

        return -1;
    }
}
