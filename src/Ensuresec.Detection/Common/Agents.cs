namespace Ensuresec.Detection.Common;

/// <summary>User-agent families that change how a burst is read.</summary>
internal static class Agents
{
    // Search engines, feed readers and uptime monitors: steady, announced, and usually wanted.
    private static readonly string[] KnownGood =
    [
        "googlebot", "bingbot", "slurp", "duckduckbot", "baiduspider", "yandexbot", "yandex.com/bots", "applebot",
        "mj12bot", "ahrefsbot", "semrushbot", "dotbot", "petalbot", "facebookexternalhit", "twitterbot",
        "linkedinbot", "feedfetcher", "feedly", "uptimerobot", "pingdom", "statuscake", "site24x7",
        "newrelicpinger", "datadog", "better uptime", "elb-healthchecker", "kube-probe", "googlestackdrivermonitoring",
    ];

    // Offensive tools that announce themselves.
    private static readonly string[] Scanners =
    [
        "sqlmap", "nikto", "nmap", "masscan", "zgrab", "dirbuster", "gobuster", "wpscan", "nuclei", "acunetix",
        "netsparker", "nessus", "openvas", "w3af", "arachni", "skipfish", "wfuzz", "ffuf", "feroxbuster",
        "dirb/", "havij", "burpcollaborator", "zmeu", "morfeus", "jorgee", "appscan", "qualys", "whatweb",
        "commix", "xsstrike", "fimap",
    ];

    /// <summary>Search-engine crawlers, feed readers, uptime monitors and load-balancer health checks.</summary>
    public static bool IsKnownGood(string? userAgent) => Contains(userAgent, KnownGood);

    /// <summary>The name of the scanner the agent announces, or null.</summary>
    public static string? ScannerName(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return null;
        foreach (var s in Scanners)
        {
            if (userAgent.Contains(s, StringComparison.OrdinalIgnoreCase)) return s.TrimEnd('/');
        }

        return null;
    }

    private static bool Contains(string? userAgent, string[] needles)
    {
        if (string.IsNullOrEmpty(userAgent)) return false;
        foreach (var n in needles)
        {
            if (userAgent.Contains(n, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }
}
