using Ensuresec.Server.Ingest;
using Ensuresec.Server.Processing;
using Ensuresec.Server.Security;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ensuresec.Server.Api;

/// <summary>POST /api/v1/events: store a batch, answer 202 only once it is committed.</summary>
internal static class EventsApi
{
    public static void Map(RouteGroupBuilder api, ServerOptions options) =>
        api.MapPost("/events", (HttpContext context, EnsuresecStore store, IEventBatchDecoder decoder, ProcessorSignal signal) =>
                PostAsync(context, store, decoder, signal, options))
            .WithMetadata(EndpointAccess.Requires(ApiRole.Ingest))
            .WithSummary("Send events")
            .WithDescription(
                "Body: a JSON array of ECS event objects (Content-Type application/json) or one object per line " +
                "(application/x-ndjson). Each needs event.id and @timestamp; other fields are kept. A resent event.id is " +
                "counted as a duplicate and stored once. 202 {accepted, duplicates, rejected:[{index, reason}]} after the " +
                "events are committed; 400 when no item is valid; 413 when the body is too large (nothing stored). Role: ingest or admin.")
            .Produces(StatusCodes.Status202Accepted, contentType: "application/json")
            .Produces(StatusCodes.Status400BadRequest, contentType: "application/json")
            .Produces(StatusCodes.Status413PayloadTooLarge, contentType: "application/json")
            .Produces(StatusCodes.Status415UnsupportedMediaType, contentType: "application/json");

    private static async Task<IResult> PostAsync(HttpContext context, EnsuresecStore store, IEventBatchDecoder decoder, ProcessorSignal signal, ServerOptions options)
    {
        var format = BodyFormats.FromContentType(context.Request.ContentType);
        if (format is null)
        {
            return JsonResponse.Error(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json or application/x-ndjson");
        }

        byte[]? body = await BodyReader.ReadAsync(context, options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return JsonResponse.Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {options.MaxBodyBytes} bytes; nothing was stored");
        }

        var batch = decoder.Decode(body, format.Value);
        if (batch.Error is not null) return JsonResponse.Error(StatusCodes.Status400BadRequest, batch.Error);
        if (batch.Events.Count == 0)
        {
            return JsonResponse.Create(StatusCodes.Status400BadRequest, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", batch.Rejected.Count == 0 ? "the body holds no events" : "no event in the body is valid; nothing was stored");
                WriteRejected(w, batch.Rejected);
                w.WriteEndObject();
            });
        }

        var records = new EventRecord[batch.Events.Count];
        for (int i = 0; i < records.Length; i++)
        {
            var e = batch.Events[i];
            records[i] = new EventRecord(e.Id, e.Timestamp, e.Json);
        }

        var result = store.AddEvents(records);
        if (result.Inserted > 0) signal.Notify();
        return JsonResponse.Create(StatusCodes.Status202Accepted, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("accepted", result.Inserted);
            w.WriteNumber("duplicates", result.Duplicates);
            WriteRejected(w, batch.Rejected);
            w.WriteEndObject();
        });
    }

    private static void WriteRejected(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<RejectedItem> rejected)
    {
        w.WriteStartArray("rejected");
        foreach (var r in rejected)
        {
            w.WriteStartObject();
            w.WriteNumber("index", r.Index);
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
