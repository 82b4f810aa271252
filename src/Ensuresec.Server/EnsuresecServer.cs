using System.Threading.RateLimiting;
using Ensuresec.Server.Api;
using Ensuresec.Server.Ingest;
using Ensuresec.Server.Ledger;
using Ensuresec.Server.Processing;
using Ensuresec.Server.Security;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Server;

/// <summary>
/// The HTTP API and the background processor, over the SQLite store in the data folder.
/// /health is public by design; everything else needs an API key, the OpenAPI description (/openapi/v1.json)
/// included (a read key), since the issue names only /health and a few later endpoints as public.
/// </summary>
public static class EnsuresecServer
{
    /// <summary>
    /// Opens the store (creating or migrating it) and builds the application; the caller runs it
    /// (<c>RunAsync</c>, or <c>StartAsync</c> then <c>Urls</c> for the bound addresses) and disposes it.
    /// </summary>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var store = EnsuresecStore.Open(new StoreOptions { DataDirectory = options.DataDirectory, FullSync = options.FullSync, Time = options.Time });
        try
        {
            return BuildWith(store, options);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static WebApplication BuildWith(EnsuresecStore store, ServerOptions options)
    {
        // Configuration files and environment come from the CLI's own config loading, not from ASP.NET's defaults.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);

        // Per-request logs are noise at this level; they never include headers (so never keys) anyway.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestHeaderCount = 64;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        });

        var services = builder.Services;
        services.AddSingleton(_ => store);
        services.AddSingleton(options);
        services.AddSingleton(options.Decoder ?? new IngestEventDecoder(options.MaxEventsPerRequest));
        services.AddSingleton<ProcessorSignal>();
        services.AddSingleton<ProcessingProfile>();
        services.AddSingleton(_ => new AuthFailureLimiter(options.RateLimits));
        services.AddHostedService<EventProcessor>();
        if (options.Ledger.Enabled)
        {
            services.AddSingleton(sp => OpenLedger(options, store, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ensuresec.Ledger")));
            services.AddHostedService<LedgerPublisher>();
        }

        services.AddOpenApi();
        if (options.RateLimits.RequestsPerSecond > 0)
        {
            services.AddRateLimiter(r =>
            {
                r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx => RateLimitPartition.GetTokenBucketLimiter(
                    ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.RateLimits.RequestBurst,
                        TokensPerPeriod = options.RateLimits.RequestsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            });
        }

        var app = builder.Build();
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            return next(context);
        });
        if (options.RateLimits.RequestsPerSecond > 0) app.UseRateLimiter();
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();

        HealthApi.Map(app);
        app.MapOpenApi().WithMetadata(EndpointAccess.Requires(ApiRole.Read));
        var api = app.MapGroup("/api/v1");
        EventsApi.Map(api, options);
        ResultsApi.Map(api);
        Response.ResponseApi.Map(app, api, options);
        if (options.Ledger.Enabled)
        {
            _ = app.Services.GetRequiredService<EvidenceLedger>();
            LedgerApi.Map(app, api);
        }

        Csp.CspReportApi.Map(api);
        return app;
    }

    private static EvidenceLedger OpenLedger(ServerOptions options, EnsuresecStore store, ILogger log)
    {
        var ledger = EvidenceLedger.Open(options.Ledger.Folder ?? Path.Combine(options.DataDirectory, "ledger"), options.Ledger, log);
        if (options.Ledger.CatchUp > 0)
        {
            int added = ledger.CatchUp(LedgerCatchUp.RecentFindings(store, options.Ledger.CatchUp), LedgerCatchUp.RecentIncidents(store, options.Ledger.CatchUp));
            if (added > 0) log.LogWarning("ledger: appended {Count} findings or incidents the store had but the ledger missed", added);
        }

        return ledger;
    }
}
