using System.Security.Cryptography;
using System.Text;
using Ensuresec.Waf.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ensuresec.Waf.AspNetCore;

/// <summary>
/// The decision endpoint for nginx's auth_request: nginx sends a subrequest with the client's headers plus
/// X-Original-Method and X-Original-URI (no body); the answer is 204 (allow) or 403 (deny), with the score and
/// rule ids in X-Ensuresec-Waf-* headers for nginx's log. In monitor mode it always allows. The subrequest must
/// carry the shared key in X-Api-Key (nginx: proxy_set_header), compared in constant time; otherwise 401.
/// </summary>
public static class DecisionEndpoint
{
    public const string OriginalMethod = "X-Original-Method";
    public const string OriginalUri = "X-Original-URI";
    public const string KeyHeader = "X-Api-Key";

    /// <summary>Headers nginx adds for the subrequest itself, not the client's.</summary>
    private static readonly HashSet<string> Hop = new(StringComparer.OrdinalIgnoreCase)
    {
        OriginalMethod, OriginalUri, KeyHeader, "Content-Length", "Connection",
    };

    public static IEndpointConventionBuilder MapWafDecision(this IEndpointRouteBuilder endpoints, string pattern, WafMode mode, WafOptions options, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        var pool = new WafAnalyzerPool(options);
        byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        return endpoints.MapMethods(pattern, ["GET", "POST", "HEAD"], (HttpContext context) =>
        {
            string presented = context.Request.Headers[KeyHeader].ToString();
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected)) return Results.StatusCode(StatusCodes.Status401Unauthorized);
            string? method = context.Request.Headers[OriginalMethod];
            string? uri = context.Request.Headers[OriginalUri];
            if (string.IsNullOrEmpty(method) || string.IsNullOrEmpty(uri)) return Results.BadRequest(new { error = $"{OriginalMethod} and {OriginalUri} headers are required" });
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var (name, values) in context.Request.Headers)
            {
                if (Hop.Contains(name)) continue;
                foreach (string? v in values) headers.Add(new(name, v ?? string.Empty));
            }

            // auth_request carries no body; header checks that need one (Content-Length vs body) are meaningless here.
            headers.RemoveAll(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase));
            var verdict = pool.Analyze(new HttpRequestData { Method = method, Target = uri, Version = context.Request.Protocol, Headers = headers });
            context.Response.Headers["X-Ensuresec-Waf-Score"] = verdict.Score.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (verdict.Findings.Count > 0) context.Response.Headers["X-Ensuresec-Waf-Rules"] = string.Join(",", verdict.Findings.Select(f => f.RuleId).Distinct());
            return mode == WafMode.Block && verdict.IsAttack ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NoContent();
        });
    }
}
