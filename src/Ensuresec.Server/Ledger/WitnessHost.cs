using Ensuresec.Ledger.Witness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Server.Ledger;

/// <summary>
/// `ensuresec witness serve`: a c2sp.org/tlog-witness server. POST /add-checkpoint cosigns a log's checkpoint after
/// checking its signature and a consistency proof from the last one cosigned; GET /&lt;sha256(origin)&gt;/checkpoint
/// serves that checkpoint to monitors. No API keys: the protocol authenticates by the log's signature.
/// </summary>
public static class WitnessHost
{
    /// <summary>Largest request body (a checkpoint with many signatures and 63 proof lines is a few KB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Builds the witness server; the caller starts it. Throws <see cref="InvalidOperationException"/> with the reason for a bad folder.</summary>
    public static WebApplication Build(string folder, string urls, IReadOnlyList<string> extraLogKeys, LogLevel minimumLevel = LogLevel.Information)
    {
        var opened = WitnessFolder.Open(folder, extraLogKeys, TimeProvider.System);
        if (!opened.Ok) throw new InvalidOperationException(opened.Error);
        var witness = opened.Value;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        });
        var app = builder.Build();
        app.MapPost("/add-checkpoint", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, new System.Text.UTF8Encoding(false, false));
            string body;
            try
            {
                body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException)
            {
                return Send(new WitnessResponse(413, "text/plain; charset=utf-8", "request body too large\n"));
            }

            return Send(witness.AddCheckpoint(body));
        });
        app.MapGet("/{originHash}/checkpoint", (string originHash) => Send(witness.GetCheckpoint(originHash)));
        return app;
    }

    private static IResult Send(WitnessResponse response) => Results.Text(response.Body, response.ContentType, System.Text.Encoding.UTF8, response.Status);
}
