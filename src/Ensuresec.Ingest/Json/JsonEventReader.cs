using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ensuresec.Ingest;

/// <summary>Walks one JSON object, flattening nested objects and dotted keys into one dotted path per value.</summary>
internal static class JsonEventReader
{
    public static bool TryReadObject(ref Utf8JsonReader reader, string prefix, JsonEventFields fields, out string? field, out string? reason)
    {
        bool empty = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            string path = prefix.Length == 0 ? name : string.Concat(prefix, ".", name);
            if (name.Length == 0 || name[0] == '.' || name[^1] == '.' || name.Contains("..", StringComparison.Ordinal))
            {
                return Fail(path, "empty key or key segment", out field, out reason);
            }

            empty = false;
            reader.Read();
            bool ok = reader.TokenType == JsonTokenType.StartObject
                ? TryReadObject(ref reader, path, fields, out field, out reason)
                : TryReadValue(ref reader, path, fields, out field, out reason);
            if (!ok) return false;
        }

        if (empty && prefix.Length > 0 && !JsonPaths.TrySet(fields.EnsureExtra(), prefix, new JsonObject()))
        {
            return Fail(prefix, "duplicate field", out field, out reason);
        }

        field = null;
        reason = null;
        return true;
    }

    private static bool TryReadValue(ref Utf8JsonReader reader, string path, JsonEventFields fields, out string? field, out string? reason)
    {
        if (!EcsFieldNames.ByName.TryGetValue(path, out var known))
        {
            var node = JsonNode.Parse(ref reader);
            if (!JsonPaths.TrySet(fields.EnsureExtra(), path, node)) return Fail(path, "duplicate field", out field, out reason);
            field = null;
            reason = null;
            return true;
        }

        if (!fields.MarkSeen(known)) return Fail(path, "duplicate field", out field, out reason);
        field = path;
        if (reader.TokenType == JsonTokenType.Null)
        {
            reason = null;
            field = null;
            return true;
        }

        reason = known switch
        {
            EcsField.Timestamp => ReadTimestamp(ref reader, fields),
            EcsField.Category => ReadCategory(ref reader, fields),
            EcsField.StatusCode => ReadStatus(ref reader, fields),
            EcsField.ResponseBytes => ReadBytes(ref reader, fields),
            EcsField.PaymentAmount => ReadAmount(ref reader, fields),
            EcsField.UrlOriginal => ReadOriginal(ref reader, fields),
            _ => ReadString(ref reader, fields, known),
        };
        if (reason is null) field = null;
        return reason is null;
    }

    private static string? ReadString(ref Utf8JsonReader reader, JsonEventFields fields, EcsField known)
    {
        if (reader.TokenType != JsonTokenType.String) return $"expected a string, found {JsonEventParser.Describe(reader.TokenType)}";
        fields[known] = reader.GetString();
        return null;
    }

    private static string? ReadOriginal(ref Utf8JsonReader reader, JsonEventFields fields)
    {
        string? error = ReadString(ref reader, fields, EcsField.UrlOriginal);
        if (error is null) JsonPaths.TrySet(fields.EnsureExtra(), "url.original", fields[EcsField.UrlOriginal]);
        return error;
    }

    private static string? ReadTimestamp(ref Utf8JsonReader reader, JsonEventFields fields)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!reader.TryGetDateTimeOffset(out var t)) return "not an ISO 8601 date-time (e.g. 2024-05-01T10:00:00Z)";
            fields.Timestamp = t;
            return null;
        }

        // Elastic also accepts epoch milliseconds.
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt64(out long ms) || ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return "epoch milliseconds out of range";
            }

            fields.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return null;
        }

        return $"expected an ISO 8601 string, found {JsonEventParser.Describe(reader.TokenType)}";
    }

    private static string? ReadCategory(ref Utf8JsonReader reader, JsonEventFields fields)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            fields[EcsField.Category] = reader.GetString();
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray) return $"expected a string or an array of strings, found {JsonEventParser.Describe(reader.TokenType)}";
        bool first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) return $"expected an array of strings, found {JsonEventParser.Describe(reader.TokenType)} in it";
            if (first) fields[EcsField.Category] = reader.GetString();
            first = false;
        }

        return null;
    }

    private static string? ReadStatus(ref Utf8JsonReader reader, JsonEventFields fields)
    {
        if (reader.TokenType != JsonTokenType.Number) return $"expected a number, found {JsonEventParser.Describe(reader.TokenType)}";
        if (!reader.TryGetInt32(out int status) || status < 0 || status > 999) return "status code out of range (0 to 999)";
        fields.StatusCode = status;
        return null;
    }

    private static string? ReadBytes(ref Utf8JsonReader reader, JsonEventFields fields)
    {
        if (reader.TokenType != JsonTokenType.Number) return $"expected a number, found {JsonEventParser.Describe(reader.TokenType)}";
        if (!reader.TryGetInt64(out long bytes) || bytes < 0) return "byte count out of range (a whole number from 0 to 2^63-1)";
        fields.ResponseBytes = bytes;
        return null;
    }

    private static string? ReadAmount(ref Utf8JsonReader reader, JsonEventFields fields)
    {
        decimal amount;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDecimal(out amount)) return "number out of range for an amount";
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            // Many payment systems send amounts as strings to avoid binary floating point.
            string text = reader.GetString()!;
            if (text.Length > 40 || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
            {
                return "not a decimal amount";
            }
        }
        else
        {
            return $"expected a number, found {JsonEventParser.Describe(reader.TokenType)}";
        }

        fields.PaymentAmount = amount;
        return null;
    }

    private static bool Fail(string path, string message, out string? field, out string? reason)
    {
        field = path;
        reason = message;
        return false;
    }
}
