using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>Reconnaissance and forced browsing: the sensitive-path list first, then a word list with suffixes.</summary>
internal static class ReconPlanner
{
    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        var o = ctx.Options.Recon;
        bool slow = ctx.DrawSlow();
        var (count, rate, duration) = ctx.DrawPace(o.Pace, slow);
        string[] ips = ctx.NewAddresses(count, hostingShare: 0.8);
        bool scanner = rng.Chance(o.ScannerAgentShare);
        string[] agents = new string[count];
        for (int i = 0; i < count; i++) agents[i] = scanner ? rng.Pick(Catalog.ScannerAgents) : rng.Pick(Catalog.BrowserAgents);

        var paths = new List<string>(Catalog.SensitivePaths);
        rng.Shuffle(paths);
        long[] times = ctx.Times(ctx.PickStart(duration), rate, duration);
        var steps = new AttackStep[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            string path = i < paths.Count
                ? paths[i]
                : "/" + rng.Pick(Catalog.Wordlist) + (rng.Chance(0.3) ? "/" + rng.Pick(Catalog.Wordlist) : "") + rng.Pick(Catalog.WordlistSuffixes);
            int a = rng.Next(count);
            steps[i] = new AttackStep(times[i], StepKind.Request, ips[a], agents[a], Path: path, Status: StatusOf(path, rng));
        }

        return new AttackPlan(steps, (events, start, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.Reconnaissance,
            Slow = slow,
            Start = start,
            End = end,
            Addresses = ips,
            Accounts = [],
            Cards = [],
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("addresses", count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("rate/s", PlanContext.Format(rate)),
                new("duration", DurationRange.Format(duration)),
                new("requests", times.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("agent", scanner ? "scanner" : "browser"),
            ],
        });
    }

    private static int StatusOf(string path, Random rng) => path switch
    {
        "/robots.txt" or "/sitemap.xml" or "/.well-known/security.txt" => 200,
        "/admin" or "/admin/login" or "/server-status" or "/.htaccess" or "/.htpasswd" => 403,
        _ => rng.Chance(0.02) ? 301 : 404,
    };
}
