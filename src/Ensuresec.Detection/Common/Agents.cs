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
    public static bool IsKnownGood(string? userAgent) => !string.IsNullOrEmpty(userAgent) && Classify(userAgent).KnownGood;

    /// <summary>The name of the scanner the agent announces, or null.</summary>
    public static string? ScannerName(string? userAgent) => string.IsNullOrEmpty(userAgent) ? null : Classify(userAgent).Scanner;

    // A shop sees few distinct agents and each one thousands of times: scanning ~60 needles case-insensitively
    // per request was the largest cost of the web detectors (measured), a lookup is a hash of the string.
    // Shared by all partitions, hence concurrent; bounded, so agents rotated by an attacker cannot grow it.
    private const int MaxCachedAgents = 20_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Verdict> Cache = new(StringComparer.Ordinal);

    private static Verdict Classify(string userAgent)
    {
        if (Cache.TryGetValue(userAgent, out var verdict)) return verdict;
        verdict = new Verdict(Contains(userAgent, KnownGood), FirstScanner(userAgent));
        if (Cache.Count >= MaxCachedAgents) Cache.Clear();
        Cache[userAgent] = verdict;
        return verdict;
    }

    private static string? FirstScanner(string userAgent)
    {
        foreach (var s in Scanners)
        {
            if (userAgent.Contains(s, StringComparison.OrdinalIgnoreCase)) return s.TrimEnd('/');
        }

        return null;
    }

    private readonly record struct Verdict(bool KnownGood, string? Scanner);

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
