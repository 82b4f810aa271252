using System.Diagnostics.CodeAnalysis;
using Ensuresec.Core.Events;
using Ensuresec.Ingest;

namespace Ensuresec.Server.Ingest;

/// <summary>
/// Reads request bodies with the same ECS parser as the CLI, and stores each event as its normalised ECS JSON
/// (nested keys, unknown fields kept), so the processor reads back exactly what the API accepted.
/// </summary>
internal sealed class IngestEventDecoder(int maxEvents) : IEventBatchDecoder
{
    private readonly EventBatchParser _batches = new(JsonEventParser.Default, maxEvents);

    public DecodedBatch Decode(ReadOnlySpan<byte> body, EventBodyFormat format)
    {
        // The parser tells an array from NDJSON by its first byte, so a client that labels NDJSON as JSON still works.
        var result = _batches.Parse(body, "api");
        var events = new List<DecodedEvent>(result.Events.Count);
        var rejected = new List<RejectedItem>(result.Errors.Count);
        foreach (var e in result.Events)
        {
            events.Add(new DecodedEvent(e.Id, e.Timestamp, SecurityEventJson.ToJson(e)));
        }

        foreach (var error in result.Errors)
        {
            int position = (int)Math.Clamp(error.Line - 1, 0, int.MaxValue);
            rejected.Add(new RejectedItem(position, $"{error.Field}: {error.Reason}"));
        }

        return new DecodedBatch(events, rejected);
    }

    public bool TryDecodeStored(string json, [NotNullWhen(true)] out SecurityEvent? securityEvent, [NotNullWhen(false)] out string? error)
    {
        if (JsonEventParser.Default.TryParse(json, "store", 0, out securityEvent, out var parseError))
        {
            error = null;
            return true;
        }

        error = parseError.ToString();
        return false;
    }
}
