using System.Text.Json;
using Ensuresec.Core.Json;
using Ensuresec.Server.Ledger;
using Ensuresec.Server.Security;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Ensuresec.Store.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ensuresec.Server.Api;

/// <summary>GET /api/v1/findings and /api/v1/incidents: filtered, paged, oldest first.</summary>
internal static class ResultsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/findings", Findings)
            .WithMetadata(EndpointAccess.Requires(ApiRole.Read))
            .WithSummary("List findings")
            .WithDescription(
                "Filters: min_severity (info|low|medium|high|critical), rule_id, detector, entity (a value or kind=value), " +
                "since/until (ISO 8601, on detected_at; since inclusive, until exclusive). Paging: limit (1..1000, default 100), offset. " +
                "Ordered by detected_at then id. Response: {total, limit, offset, next_offset, items}. Role: read or admin.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status400BadRequest, contentType: "application/json");
        api.MapGet("/incidents", Incidents)
            .WithMetadata(EndpointAccess.Requires(ApiRole.Read))
            .WithSummary("List incidents")
            .WithDescription(
                "Filters: min_severity, entity, since/until (an incident matches when [first_seen, last_seen] overlaps the range). " +
                "Paging: limit (1..1000, default 100), offset. Ordered by first_seen then id. Response: {total, limit, offset, next_offset, items}. Role: read or admin.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status400BadRequest, contentType: "application/json");
    }

    private static IResult Findings(
        HttpContext context,
        EnsuresecStore store,
        [FromQuery(Name = "min_severity")] string? minSeverity,
        [FromQuery(Name = "rule_id")] string? ruleId,
        [FromQuery(Name = "detector")] string? detector,
        [FromQuery(Name = "entity")] string? entity,
        [FromQuery(Name = "since")] string? since,
        [FromQuery(Name = "until")] string? until,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "offset")] string? offset)
    {
        var p = new QueryParser();
        var query = new FindingQuery
        {
            MinSeverity = p.Severity("min_severity", minSeverity),
            RuleId = p.Text("rule_id", ruleId),
            Detector = p.Text("detector", detector),
            Entity = p.Text("entity", entity),
            Since = p.Time("since", since),
            Until = p.Time("until", until),
            Limit = p.Limit(limit),
            Offset = p.Offset(offset),
        };
        if (p.Error is not null) return JsonResponse.Error(StatusCodes.Status400BadRequest, p.Error);
        var page = store.QueryFindings(query);
        var ledger = context.RequestServices.GetService<EvidenceLedger>();
        return Page(page, (w, f) => WithLedgerIndex(w, ledger, f.Id, inner => FindingJson.Write(inner, f)));
    }

    private static IResult Incidents(
        HttpContext context,
        EnsuresecStore store,
        [FromQuery(Name = "min_severity")] string? minSeverity,
        [FromQuery(Name = "entity")] string? entity,
        [FromQuery(Name = "since")] string? since,
        [FromQuery(Name = "until")] string? until,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "offset")] string? offset)
    {
        var p = new QueryParser();
        var query = new IncidentQuery
        {
            MinSeverity = p.Severity("min_severity", minSeverity),
            Entity = p.Text("entity", entity),
            Since = p.Time("since", since),
            Until = p.Time("until", until),
            Limit = p.Limit(limit),
            Offset = p.Offset(offset),
        };
        if (p.Error is not null) return JsonResponse.Error(StatusCodes.Status400BadRequest, p.Error);
        var page = store.QueryIncidents(query);
        var ledger = context.RequestServices.GetService<EvidenceLedger>();
        return Page(page, (w, i) => WithLedgerIndex(w, ledger, i.Id, inner => IncidentJson.Write(inner, i)));
    }

    // Each item carries the leaf index of its latest version in the evidence ledger (ledger_index; null until it is
    // appended), so that a reader can fetch its inclusion proof. The item's own JSON is not changed otherwise.
    private static void WithLedgerIndex(Utf8JsonWriter w, EvidenceLedger? ledger, string id, Action<Utf8JsonWriter> write)
    {
        if (ledger is null)
        {
            write(w);
            return;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var inner = new Utf8JsonWriter(buffer)) write(inner);
        var node = System.Text.Json.Nodes.JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
        var records = ledger.Lookup(id);
        node["ledger_index"] = records.Count == 0 ? null : records.Max(r => r.Index);
        node.WriteTo(w);
    }

    private static JsonResponse Page<T>(ResultPage<T> page, Action<Utf8JsonWriter, T> write) => JsonResponse.Create(StatusCodes.Status200OK, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total", page.Total);
        w.WriteNumber("limit", page.Limit);
        w.WriteNumber("offset", page.Offset);
        if (page.NextOffset is { } next) w.WriteNumber("next_offset", next);
        else w.WriteNull("next_offset");
        w.WriteStartArray("items");
        foreach (var item in page.Items) write(w, item);
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
