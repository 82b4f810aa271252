using Ensuresec.Waf.Model;
using Ensuresec.Waf.Sigma;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Waf.AspNetCore;

/// <summary>
/// Inspects every request (headers and bodies: form, JSON, multipart, XML up to <see cref="WafMiddlewareOptions.MaxBodyBytes"/>)
/// before the application. Monitor mode records the verdict in HttpContext.Items[<see cref="VerdictItem"/>] and lets it
/// through; block mode answers 403 to attacks. The 403 body never echoes the request.
/// </summary>
public sealed class WafMiddleware
{
    public const string VerdictItem = "ensuresec.waf.verdict";

    /// <summary>HttpContext.Items key of the Sigma rules that matched (IReadOnlyList&lt;SigmaMatch&gt;), when any did.</summary>
    public const string SigmaItem = "ensuresec.waf.sigma";

    private readonly RequestDelegate _next;
    private readonly WafMiddlewareOptions _options;
    private readonly WafAnalyzerPool _pool;
    private readonly ILogger<WafMiddleware> _log;

    public WafMiddleware(RequestDelegate next, WafMiddlewareOptions options, ILogger<WafMiddleware> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        _options = options;
        _pool = new WafAnalyzerPool(options.Waf);
        _log = log;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decoding = new List<WafFinding>();
        var request = await RequestReader.ReadAsync(context, _options, decoding, context.RequestAborted).ConfigureAwait(false);
        var verdict = _pool.Analyze(request);
        if (decoding.Count > 0) verdict = new WafVerdict([.. decoding, .. verdict.Findings], verdict.Score + decoding.Sum(f => f.Score), verdict.Threshold);
        context.Items[VerdictItem] = verdict;
        if (verdict.Findings.Count > 0)
        {
            _options.OnVerdict?.Invoke(context, verdict);
            if (verdict.IsAttack) Log.Attack(_log, _options.Mode, context.TraceIdentifier, verdict.Score, string.Join(",", verdict.Findings.Select(f => f.RuleId)));
        }

        bool refuseSigma = SigmaRefuses(context, request);
        if (_options.Mode == WafMode.Block && (verdict.IsAttack || refuseSigma))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"error":"request refused by the web application firewall","request_id":"{{System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(context.TraceIdentifier)}}"}""", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await _next(context).ConfigureAwait(false);
    }

    // Sigma rules on the full request (headers give cs-host, cs-cookie, cs-content-type); matches are recorded and
    // logged, and refuse the request in block mode only at or above SigmaBlockLevel.
    private bool SigmaRefuses(HttpContext context, HttpRequestData request)
    {
        if (_options.Sigma is not { Rules.Count: > 0 } rules) return false;
        var matches = new List<SigmaMatch>();
        rules.Match(WebFieldValues.From(request, context.Connection.RemoteIpAddress?.ToString()), matches);
        if (matches.Count == 0) return false;
        context.Items[SigmaItem] = matches;
        Log.Sigma(_log, _options.Mode, context.TraceIdentifier, string.Join(",", matches.Select(m => m.Rule.Id)));
        return _options.SigmaBlockLevel is { } level && matches.Any(m => m.Rule.Severity >= level);
    }
}
