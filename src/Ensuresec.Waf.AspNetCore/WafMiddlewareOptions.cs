namespace Ensuresec.Waf.AspNetCore;

/// <summary>Settings of the Ensuresec WAF middleware.</summary>
public sealed class WafMiddlewareOptions
{
    public WafMode Mode { get; set; } = WafMode.Monitor;

    /// <summary>The analyser's settings (paranoia, threshold, exclusions...).</summary>
    public WafOptions Waf { get; set; } = new();

    /// <summary>Most body bytes read and inspected; the rest is passed on uninspected (and noted at paranoia 2).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most bytes a compressed body (Content-Encoding gzip, deflate, br) is expanded to for inspection.</summary>
    public int MaxDecompressedBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>A compressed body expanding past <see cref="MaxDecompressedBytes"/> at more than this ratio is a compression bomb (a critical protocol finding).</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Sigma rules run on every request (e.g. <c>SigmaRuleSet.Load(["/opt/sigma/rules/web"])</c>; check its Problems); null: none.</summary>
    public Sigma.SigmaRuleSet? Sigma { get; set; }

    /// <summary>In block mode, a Sigma match of at least this level refuses the request; null (the default): matches are only recorded.</summary>
    public Ensuresec.Core.Events.Severity? SigmaBlockLevel { get; set; }

    /// <summary>Called for every request with findings (in both modes), e.g. to send events to Ensuresec.</summary>
    public Action<Microsoft.AspNetCore.Http.HttpContext, Model.WafVerdict>? OnVerdict { get; set; }
}
