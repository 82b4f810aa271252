using Microsoft.AspNetCore.Builder;

namespace Ensuresec.Waf.AspNetCore;

public static class WafApplicationBuilderExtensions
{
    /// <summary>Adds the Ensuresec WAF middleware; put it first, before routing and the application.</summary>
    public static IApplicationBuilder UseEnsuresecWaf(this IApplicationBuilder app, WafMiddlewareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxBodyBytes is < 0 or > 64 * 1024 * 1024) throw new ArgumentOutOfRangeException(nameof(options), "MaxBodyBytes must be 0..67108864");
        return app.UseMiddleware<WafMiddleware>(options);
    }
}
