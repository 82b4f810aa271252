using Ensuresec.Server.Security;
using Ensuresec.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ensuresec.Server.Api;

/// <summary>GET /health: public; is the store reachable, and how many events wait to be processed.</summary>
internal static class HealthApi
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/health", Health)
            .WithMetadata(EndpointAccess.Anyone)
            .WithSummary("Health")
            .WithDescription("Public. 200 {status:\"ok\", store:\"reachable\", backlog, schema_version} or 503 when the store does not answer.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status503ServiceUnavailable, contentType: "application/json");

    private static IResult Health(EnsuresecStore store)
    {
        long? backlog = null;
        try
        {
            if (store.IsReachable()) backlog = store.CountBacklog();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            backlog = null;
        }

        return JsonResponse.Create(backlog is null ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", backlog is null ? "unavailable" : "ok");
            w.WriteString("store", backlog is null ? "unreachable" : "reachable");
            if (backlog is { } b) w.WriteNumber("backlog", b);
            w.WriteNumber("schema_version", store.SchemaVersion);
            w.WriteEndObject();
        });
    }
}
