namespace Ensuresec.Waf.AspNetCore;

/// <summary>Settings of the Ensuresec WAF middleware.</summary>
public sealed class WafMiddlewareOptions
{
    public WafMode Mode { get; set; } = WafMode.Monitor;

    /// <summary>The analyser's settings (paranoia, threshold, exclusions...).</summary>
    public WafOptions Waf { get; set; } = new();

    /// <summary>Most body bytes read and inspected; the rest is passed on uninspected (and noted at paranoia 2).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Called for every request with findings (in both modes), e.g. to send events to Ensuresec.</summary>
    public Action<Microsoft.AspNetCore.Http.HttpContext, Model.WafVerdict>? OnVerdict { get; set; }
}
