using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;

namespace Ensuresec.Server.Ingest;

/// <summary>
/// A small decoder for ECS events: each item must be an object with event.id and @timestamp (nested or dotted
/// keys); everything else is kept verbatim in the stored JSON and in <see cref="SecurityEvent.Extra"/>. Only a few
/// model fields are filled. The full mapping lives in Ensuresec.Ingest and replaces this one in the CLI.
/// </summary>
internal sealed class MinimalEventDecoder(int maxEvents) : IEventBatchDecoder
{
    public const int MaxIdLength = 256;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public DecodedBatch Decode(ReadOnlySpan<byte> body, EventBodyFormat format) =>
        format == EventBodyFormat.Ndjson ? DecodeLines(body) : DecodeArray(body);

    public bool TryDecodeStored(string json, [NotNullWhen(true)] out SecurityEvent? securityEvent, [NotNullWhen(false)] out string? error)
    {
        securityEvent = null;
        try
        {
            using var doc = JsonDocument.Parse(json, Options);
            var root = doc.RootElement;
            error = Check(root, out string id, out var ts);
            if (error is not null) return false;
            securityEvent = new SecurityEvent
            {
                Id = id,
                Timestamp = ts,
                Kind = Text(root, "event", "kind"),
                Category = Text(root, "event", "category"),
                Action = Text(root, "event", "action"),
                Outcome = Text(root, "event", "outcome"),
                Dataset = Text(root, "event", "dataset"),
                SourceIp = Text(root, "source", "ip"),
                UserName = Text(root, "user", "name"),
                Extra = JsonNode.Parse(json, documentOptions: Options) as JsonObject,
                Origin = "api",
            };
            return true;
        }
        catch (JsonException ex)
        {
            error = Where(ex);
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            error = "invalid text in the stored event";
            return false;
        }
    }

    private DecodedBatch DecodeArray(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        JsonDocument doc;
        try
        {
            if (!JsonDocument.TryParseValue(ref reader, out var parsed)) return DecodedBatch.Failed("the body is empty");
            doc = parsed;
            if (reader.Read()) return DecodedBatch.Failed("unexpected data after the JSON value");
        }
        catch (JsonException ex)
        {
            return DecodedBatch.Failed(Where(ex));
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object) return Collect([(0, root)]);
            if (root.ValueKind != JsonValueKind.Array) return DecodedBatch.Failed("the body must be a JSON array of event objects");
            int count = root.GetArrayLength();
            if (count > maxEvents) return DecodedBatch.Failed($"too many events: {count}, at most {maxEvents} per request");
            return Collect(root.EnumerateArray().Select((e, i) => (i, e)));
        }
    }

    private DecodedBatch DecodeLines(ReadOnlySpan<byte> body)
    {
        var events = new List<DecodedEvent>();
        var rejected = new List<RejectedItem>();
        int line = 0;
        int items = 0;
        while (!body.IsEmpty)
        {
            int nl = body.IndexOf((byte)'\n');
            var current = nl < 0 ? body : body[..nl];
            body = nl < 0 ? [] : body[(nl + 1)..];
            current = current.TrimEnd((byte)'\r');
            if (current.Trim(" \t"u8).IsEmpty)
            {
                line++;
                continue;
            }

            if (++items > maxEvents) return DecodedBatch.Failed($"too many events: more than {maxEvents} per request");
            try
            {
                using var doc = JsonDocument.Parse(current.ToArray(), Options);
                Add(line, doc.RootElement, events, rejected);
            }
            catch (JsonException ex)
            {
                rejected.Add(new RejectedItem(line, Where(ex)));
            }

            line++;
        }

        return new DecodedBatch(events, rejected);
    }

    private static DecodedBatch Collect(IEnumerable<(int Index, JsonElement Item)> items)
    {
        var events = new List<DecodedEvent>();
        var rejected = new List<RejectedItem>();
        foreach (var (index, item) in items) Add(index, item, events, rejected);
        return new DecodedBatch(events, rejected);
    }

    private static void Add(int index, JsonElement item, List<DecodedEvent> events, List<RejectedItem> rejected)
    {
        try
        {
            AddChecked(index, item, events, rejected);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // JsonDocument checks structure, not the UTF-8 inside strings; reading or re-writing such a string throws.
            rejected.Add(new RejectedItem(index, "invalid UTF-8 text in a string"));
        }
    }

    private static void AddChecked(int index, JsonElement item, List<DecodedEvent> events, List<RejectedItem> rejected)
    {
        string? error = Check(item, out string id, out var ts);
        if (error is not null)
        {
            rejected.Add(new RejectedItem(index, error));
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            item.WriteTo(writer);
        }

        events.Add(new DecodedEvent(index, id, ts, Encoding.UTF8.GetString(buffer.WrittenSpan)));
    }

    private static string? Check(JsonElement item, out string id, out DateTimeOffset timestamp)
    {
        id = string.Empty;
        timestamp = default;
        if (item.ValueKind != JsonValueKind.Object) return "an event must be a JSON object";
        if (!TryField(item, "event", "id", out var idElement)) return "event.id: missing";
        if (idElement.ValueKind != JsonValueKind.String) return "event.id: must be a string";
        id = idElement.GetString()!;
        if (id.Length == 0 || id.Length > MaxIdLength) return $"event.id: must have 1 to {MaxIdLength} characters";
        if (id.Any(char.IsControl)) return "event.id: must not contain control characters";
        if (!item.TryGetProperty("@timestamp", out var tsElement)) return "@timestamp: missing";
        if (tsElement.ValueKind != JsonValueKind.String || !tsElement.TryGetDateTimeOffset(out timestamp))
        {
            return "@timestamp: must be an ISO 8601 date-time string";
        }

        return null;
    }

    /// <summary>ECS allows both {"event":{"id":..}} and {"event.id":..}.</summary>
    private static bool TryField(JsonElement item, string parent, string child, out JsonElement value)
    {
        if (item.TryGetProperty(parent, out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty(child, out value)) return true;
        return item.TryGetProperty(parent + "." + child, out value);
    }

    private static string? Text(JsonElement item, string parent, string child) =>
        TryField(item, parent, child, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Where(JsonException ex) => string.Create(
        CultureInfo.InvariantCulture,
        $"invalid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}");
}
