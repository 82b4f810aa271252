using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Ensuresec.Server.Api;
using Ensuresec.Server.Ingest;
using Ensuresec.Server.Processing;
using Ensuresec.Server.Security;
using Ensuresec.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ensuresec.Server.Csp;

/// <summary>
/// POST /api/v1/csp-report: public (browsers send reports without credentials), so strictly bounded: bodies up to 64 KiB,
/// at most 20 reports a body, 5 requests a second per client address (burst 20) and 200 a second in all. Each
/// violation becomes an alert event (rule ES-SHOP-030) stored like any other, so the processor turns it into a
/// finding and the correlator into incidents. A browser repeating a report within the minute is stored once.
/// </summary>
internal static class CspReportApi
{
    public const int MaxBodyBytes = 64 * 1024;
    public const string RuleId = "ES-SHOP-030";

    private static PartitionedRateLimiter<HttpContext> NewLimiter() => PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<HttpContext, string>(ctx => RateLimitPartition.GetTokenBucketLimiter(
            ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new TokenBucketRateLimiterOptions { TokenLimit = 20, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true })),
        PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetTokenBucketLimiter(
            "all",
            _ => new TokenBucketRateLimiterOptions { TokenLimit = 400, TokensPerPeriod = 200, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true })));

    /// <summary>Maps the endpoint into the /api/v1 group (as csp-report), marked public.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        // one limiter per application: its buckets live as long as the server
        var limiter = NewLimiter();
        app.MapPost("/csp-report", (HttpContext context, EnsuresecStore store, ProcessorSignal signal, ServerOptions options) => PostAsync(context, store, signal, options, limiter))
            .WithMetadata(EndpointAccess.Anyone)
            .WithSummary("Content-Security-Policy violation reports")
            .WithDescription(
                "Public: point a policy's report-uri (application/csp-report) or Reporting API endpoint (application/reports+json) here. " +
                "204 once stored; 400 malformed; 413 over 64 KiB; 415 other content types; 429 over 5 requests/s per address.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status400BadRequest, contentType: "application/json")
            .Produces(StatusCodes.Status413PayloadTooLarge, contentType: "application/json")
            .Produces(StatusCodes.Status429TooManyRequests, contentType: "application/json");
    }

    private static async Task<IResult> PostAsync(HttpContext context, EnsuresecStore store, ProcessorSignal signal, ServerOptions options, PartitionedRateLimiter<HttpContext> limiter)
    {
        using var lease = limiter.AttemptAcquire(context);
        if (!lease.IsAcquired)
        {
            context.Response.Headers.RetryAfter = "1";
            return JsonResponse.Error(StatusCodes.Status429TooManyRequests, "too many reports; slow down");
        }

        string type = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("application/csp-report" or "application/reports+json" or "application/json"))
        {
            return JsonResponse.Error(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/csp-report, application/reports+json or application/json");
        }

        byte[]? body = await BodyReader.ReadAsync(context, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null) return JsonResponse.Error(StatusCodes.Status413PayloadTooLarge, $"a report body is at most {MaxBodyBytes} bytes");
        var (violations, error) = CspReportParser.Parse(body, context.Request.Headers.UserAgent.ToString());
        if (error is not null) return JsonResponse.Error(StatusCodes.Status400BadRequest, error);
        string client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = options.Time.GetUtcNow();
        var records = violations.Select(v => ToEvent(v, client, now)).ToList();
        if (store.AddEvents(records).Inserted > 0) signal.Notify();
        return Results.NoContent();
    }

    /// <summary>The violation as an ECS alert event; its id repeats for the same report from the same address within a minute.</summary>
    internal static EventRecord ToEvent(CspViolation v, string client, DateTimeOffset now)
    {
        string minute = now.ToUnixTimeSeconds() / 60 + string.Empty;
        string id = "csp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', v.DocumentUrl, v.BlockedUrl, v.Directive, v.Disposition, client, minute))))[..32];
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("@timestamp", now.ToString("O", CultureInfo.InvariantCulture));
            w.WriteStartObject("event");
            w.WriteString("id", id);
            w.WriteString("kind", "alert");
            w.WriteString("category", "web");
            w.WriteString("action", Ensuresec.Core.Events.EventActions.CspViolation);
            w.WriteString("dataset", "csp.report");
            w.WriteString("outcome", v.Disposition == "report" ? "unknown" : "failure");
            w.WriteEndObject();
            w.WriteStartObject("source");
            w.WriteString("ip", client);
            w.WriteEndObject();
            w.WriteStartObject("url");
            w.WriteString("full", v.DocumentUrl);
            w.WriteEndObject();
            if (v.UserAgent is not null)
            {
                w.WriteStartObject("user_agent");
                w.WriteString("original", v.UserAgent);
                w.WriteEndObject();
            }

            w.WriteStartObject("rule");
            w.WriteString("id", RuleId);
            w.WriteString("name", $"{RuleId} CSP violation: {v.Directive} {(v.Disposition == "report" ? "would block" : "blocked")} {v.BlockedUrl} on {v.DocumentUrl}");
            w.WriteEndObject();
            w.WriteStartObject("threat");
            w.WriteStartObject("technique");
            w.WriteString("id", "T1059.007");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("csp");
            w.WriteString("blocked_url", v.BlockedUrl);
            w.WriteString("effective_directive", v.Directive);
            w.WriteString("disposition", v.Disposition);
            if (v.SourceFile is not null) w.WriteString("source_file", v.SourceFile);
            if (v.Line is { } line) w.WriteNumber("line_number", line);
            if (v.Sample is not null) w.WriteString("sample", v.Sample);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new EventRecord(id, now, Encoding.UTF8.GetString(stream.ToArray()));
    }
}
