using Ensuresec.Response;
using Ensuresec.Server.Api;
using Ensuresec.Server.Security;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Server.Response;

/// <summary>
/// Responding over HTTP: suggested mitigations of an incident (read), accepting one or running its recovery (admin),
/// and the incident's response history (read). Also starts the auto-responder when response.json's policy allows
/// any mitigation to run by itself.
/// </summary>
internal static class ResponseApi
{
    public static void Map(WebApplication app, RouteGroupBuilder api, ServerOptions options)
    {
        var (runtime, error) = ResponseRuntime.Open(options.DataDirectory, null, options.Time);
        if (runtime is null)
        {
            // A bad response.json must not take the whole server down: detection goes on, responding answers why it is off.
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ensuresec.Response").LogError("responding is off: {Error}", error);
            MapDisabled(api, error!);
            return;
        }

        app.Lifetime.ApplicationStopped.Register(runtime.Dispose);
        if (options.Ledger.Enabled)
        {
            var ledger = app.Services.GetRequiredService<Ensuresec.Server.Ledger.EvidenceLedger>();
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ensuresec.Response");
            runtime.Service.Recorded = run => RecordInLedger(ledger, run, log);
        }

        var findingsStore = app.Services.GetRequiredService<EnsuresecStore>();
        runtime.Service.FindingsOf = incident => IncidentLookup.Findings(findingsStore, incident);
        AutoResponder.Start(app, runtime, options);

        api.MapGet("/incidents/{id}/mitigations", (string id, EnsuresecStore store) =>
            IncidentLookup.Find(store, id) is not { } incident
                ? JsonResponse.Error(StatusCodes.Status404NotFound, "no such incident")
                : JsonResponse.Create(StatusCodes.Status200OK, w =>
                {
                    var items = runtime.Service.Suggest(incident);
                    w.WriteStartObject();
                    w.WriteString("incident_id", incident.Id);
                    w.WriteStartArray("items");
                    foreach (var m in items) ResponseJson.WriteMitigation(w, m);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }))
            .WithMetadata(EndpointAccess.Requires(ApiRole.Read))
            .WithSummary("Suggested mitigations for an incident")
            .WithDescription("Ranked best first, each with its reason and expected effect. Role: read or admin.");

        api.MapPost("/incidents/{id}/mitigations/{mitigationId}/accept", (string id, string mitigationId, HttpContext ctx, EnsuresecStore store) =>
                Run(ctx, store, id, mitigationId, (incident, by, ct) => runtime.Service.AcceptAsync(incident, mitigationId, by, ct)))
            .WithMetadata(EndpointAccess.Requires(ApiRole.Admin))
            .WithSummary("Accept a mitigation: run its playbook now")
            .WithDescription("Answers the recorded run (200 when it succeeded, 502 when an action failed). Role: admin.");

        api.MapPost("/incidents/{id}/mitigations/{mitigationId}/recover", (string id, string mitigationId, HttpContext ctx, EnsuresecStore store) =>
                Run(ctx, store, id, mitigationId, async (incident, by, ct) =>
                {
                    var outcome = await runtime.Service.RecoverAsync(incident, mitigationId, by, ct).ConfigureAwait(false);
                    return outcome is null ? null : outcome.Value.Check ?? outcome.Value.Recovery;
                }))
            .WithMetadata(EndpointAccess.Requires(ApiRole.Admin))
            .WithSummary("Run a mitigation's recovery, then the check that the attack's effect is gone")
            .WithDescription("Answers the check run (effect_gone) or the recovery run when it failed. Role: admin.");

        api.MapGet("/incidents/{id}/response-history", (string id) => JsonResponse.Create(StatusCodes.Status200OK, w =>
            {
                w.WriteStartObject();
                w.WriteString("incident_id", id);
                w.WriteStartArray("items");
                foreach (var r in runtime.Service.History(id)) ResponseJson.WriteRun(w, r);
                w.WriteEndArray();
                w.WriteEndObject();
            }))
            .WithMetadata(EndpointAccess.Requires(ApiRole.Read))
            .WithSummary("An incident's response history: every run and action")
            .WithDescription("Oldest first. Role: read or admin.");
    }

    // Every response action goes into the evidence ledger beside the findings and incidents it answers. The history
    // in response.db stays the working copy; a failed append is logged, the action itself has already happened.
    private static void RecordInLedger(Ensuresec.Server.Ledger.EvidenceLedger ledger, Ensuresec.Response.History.RunRecord run, ILogger log)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "response-action");
            w.WriteString("id", run.RunId);
            w.WritePropertyName("run");
            ResponseJson.WriteRun(w, run);
            w.WriteEndObject();
        }

        var appended = ledger.AppendRecord(buffer.WrittenSpan);
        if (!appended.Ok) log.LogError("ledger: response action {RunId} not recorded: {Error}", run.RunId, appended.Error);
    }

    private static void MapDisabled(RouteGroupBuilder api, string error)
    {
        IResult Off() => JsonResponse.Error(StatusCodes.Status503ServiceUnavailable, "responding is off: " + error);
        api.MapGet("/incidents/{id}/mitigations", Off).WithMetadata(EndpointAccess.Requires(ApiRole.Read));
        api.MapPost("/incidents/{id}/mitigations/{mitigationId}/accept", Off).WithMetadata(EndpointAccess.Requires(ApiRole.Admin));
        api.MapPost("/incidents/{id}/mitigations/{mitigationId}/recover", Off).WithMetadata(EndpointAccess.Requires(ApiRole.Admin));
        api.MapGet("/incidents/{id}/response-history", Off).WithMetadata(EndpointAccess.Requires(ApiRole.Read));
    }

    private static async Task<IResult> Run(HttpContext ctx, EnsuresecStore store, string id, string mitigationId,
        Func<Ensuresec.Core.Findings.Incident, string, CancellationToken, Task<Ensuresec.Response.History.RunRecord?>> run)
    {
        if (IncidentLookup.Find(store, id) is not { } incident) return JsonResponse.Error(StatusCodes.Status404NotFound, "no such incident");
        string by = ctx.Items[ApiKeyMiddleware.KeyItem] is ApiKeyInfo key ? $"analyst:{key.Name}" : "analyst";
        var record = await run(incident, by, ctx.RequestAborted).ConfigureAwait(false);
        if (record is null) return JsonResponse.Error(StatusCodes.Status404NotFound, $"no mitigation {mitigationId} (with that action) for this incident");
        return JsonResponse.Create(record.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway, w => ResponseJson.WriteRun(w, record));
    }
}
