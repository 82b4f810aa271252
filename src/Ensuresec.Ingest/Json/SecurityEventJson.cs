using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;

namespace Ensuresec.Ingest;

/// <summary>
/// Writes events as nested ECS JSON, the inverse of <see cref="JsonEventParser"/>: parsing what is written gives the
/// same event back (Origin excepted, which says where an event was read from and is not part of it).
/// </summary>
public static class SecurityEventJson
{
    /// <summary>Writes the event as one JSON object. Where <see cref="SecurityEvent.Extra"/> collides with a mapped field, the mapped field wins.</summary>
    public static void Write(Utf8JsonWriter writer, SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ToJsonObject(e).WriteTo(writer);
    }

    /// <summary>The event as compact JSON text (one NDJSON line, without the line break).</summary>
    public static string ToJson(SecurityEvent e) => ToJsonObject(e).ToJsonString();

    /// <summary>The event as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8Bytes(SecurityEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, e);
        }

        return buffer.ToArray();
    }

    /// <summary>The event as a fresh JSON tree (Extra is copied, not shared).</summary>
    public static JsonObject ToJsonObject(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var root = new JsonObject { [EcsFieldNames.Timestamp] = e.Timestamp };
        Put(root, "event.id", e.Id);
        Put(root, "event.kind", e.Kind);
        Put(root, "event.category", e.Category);
        Put(root, "event.action", e.Action);
        Put(root, "event.outcome", e.Outcome);
        Put(root, "event.dataset", e.Dataset);
        Put(root, "source.ip", e.SourceIp);
        Put(root, "user.name", e.UserName);
        Put(root, "user.email", e.UserEmail);
        Put(root, "http.request.method", e.HttpMethod);
        Put(root, "http.request.referrer", e.Referrer);
        Put(root, "http.version", e.HttpVersion);
        if (e.StatusCode is { } status) JsonPaths.TrySet(root, "http.response.status_code", status);
        if (e.ResponseBytes is { } bytes) JsonPaths.TrySet(root, "http.response.body.bytes", bytes);
        Put(root, "url.path", e.UrlPath);
        Put(root, "url.query", e.UrlQuery);
        Put(root, "user_agent.original", e.UserAgent);
        if (e.PaymentAmount is { } amount) JsonPaths.TrySet(root, "payment.amount", amount);
        Put(root, "payment.currency", e.PaymentCurrency);
        Put(root, "payment.card.fingerprint", e.CardFingerprint);
        if (e.Extra is not null) Merge(root, "", e.Extra);
        return root;
    }

    private static void Put(JsonObject root, string path, string? value)
    {
        if (value is not null) JsonPaths.TrySet(root, path, value);
    }

    // Dotted keys in Extra are expanded, as the parser would; a value that collides with a mapped field is dropped.
    private static void Merge(JsonObject root, string prefix, JsonObject extra)
    {
        foreach (var (key, value) in extra)
        {
            string path = prefix.Length == 0 ? key : string.Concat(prefix, ".", key);
            if (value is JsonObject { Count: > 0 } child)
            {
                Merge(root, path, child);
            }
            else
            {
                JsonPaths.TrySet(root, path, value?.DeepClone());
            }
        }
    }
}
