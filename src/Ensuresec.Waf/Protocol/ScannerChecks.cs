using System.Buffers;
using Ensuresec.Waf.Detectors;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Protocol;

/// <summary>Security scanners and attack tools that announce themselves: user agents, their own headers, their probe files.</summary>
internal static class ScannerChecks
{
    private static readonly string[] Agents =
    [
        "sqlmap", "nikto", "nmap", "nessus", "openvas", "acunetix", "netsparker", "appscan", "webinspect", "w3af", "arachni",
        "wpscan", "joomscan", "dirbuster", "gobuster", "feroxbuster", "dirsearch", "wfuzz", "ffuf", "nuclei", "masscan", "zgrab",
        "havij", "commix", "whatweb", "skipfish", "paros", "burp collaborator", "jaeles", "xsstrike", "httprint", "bsqlbf",
        "zmeu", "morfeus", "jorgee", "muieblackcat", "fimap", "grabber", "metis", "nsauditor", "pangolin", "sqlninja", "webshag",
        "vega/", "zap/", "owasp zap", "brutus", "hydra", "medusa", "crowdstrike", ".nasl", "dotdotpwn", "mozilla/5.0 sf/",
        "(hydra)", "absinthe", "blackwidow", "cgichk", "floodgate", "n-stealth", "nstealth", "sf/", "webvulnscan", "internet ninja",
    ];

    private static readonly SearchValues<string> AgentSearch = SearchValues.Create(Agents, StringComparison.OrdinalIgnoreCase);

    private static readonly string[] Headers = ["Acunetix-Product", "Acunetix-Scanning-Agreement", "Acunetix-User-Agreement", "X-Scanner", "X-Wipp", "X-Ratproxy-Loop", "X-Request-Memo", "X-Scan-Memo", "Bxss"];

    private static readonly string[] ProbePaths = ["nessustest", "appscan_fingerprint", "acunetix-wvs-test", "/nikto-test", "w00tw00t", "/bxss/", "nessus_is_probing_you", "/scan_by_"];

    public static void Check(HttpRequestData r, AnalysisContext ctx)
    {
        string? ua = r.Header("User-Agent");
        if (ua is not null)
        {
            int at = ua.AsSpan().IndexOfAny(AgentSearch);
            if (at >= 0) ctx.Add(AttackClass.Scanner, "ES-WAF-913-AGENT", "security scanner user agent", RequestPart.Header, "User-Agent", ua, 1, Score.Critical);
        }

        foreach (string h in Headers)
        {
            if (r.Header(h) is { } value) ctx.Add(AttackClass.Scanner, "ES-WAF-913-HEADER", "security scanner header", RequestPart.Header, h, value, 1, Score.Critical);
        }

        foreach (string p in ProbePaths)
        {
            int at = r.Target.IndexOf(p, StringComparison.OrdinalIgnoreCase);
            if (at >= 0) ctx.Add(AttackClass.Scanner, "ES-WAF-913-PROBE", "security scanner probe file", RequestPart.Path, string.Empty, KeywordScanner.Around(r.Target, at, p.Length), 1, Score.Critical);
        }
    }
}
