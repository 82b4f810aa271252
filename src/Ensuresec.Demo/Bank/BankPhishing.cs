using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Demo.Generation;
using Ensuresec.Demo.Physical;
using Ensuresec.Demo.Running;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Bank;

/// <summary>
/// The bank's online banking logins, and a phishing campaign against them: a lookalike of the bank's domain shows up
/// (in a certificate-transparency feed), customers get its e-mail (some report it), the victims reach the bank from
/// it (the referrer) and log in, and hours later their accounts are logged into from new networks and their e-mail
/// addresses changed. No key joins the domain to the takeovers but the victims.
/// </summary>
internal static class BankPhishing
{
    /// <summary>The bank's own domain, which the demo's lookalike-domain detector protects.</summary>
    public const string BrandDomain = DemoScenarios.BankBrandDomain;

    /// <summary>How many of the bank's customers bank online (log in).</summary>
    public const int LoginCustomers = 600;

    private const string Agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
    private const string AttackerAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

    // Lookalikes a phisher registers, each a different dnstwist technique.
    private static readonly string[] Lookalikes =
        ["nordbank24-login.de", "nordbamk24.de", "nordbnak24.de", "nordbank24.com", "nordbank24-sicherheit.de", "n0rdbank24.de", "nord-bank24.de"];

    /// <summary>Benign logins: each of the first <paramref name="count"/> customers logs in 1-4 times a week from home; a few from a hotel, changing nothing.</summary>
    public static void BenignLogins(Random rng, DemoLog log, IReadOnlyList<(string Name, string Ip)> customers, int count, DateTimeOffset start, int days)
    {
        foreach (var (name, ip) in customers.Take(count))
        {
            int logins = rng.Next(1, 5);
            for (int k = 0; k < logins; k++)
            {
                var at = start.AddMinutes(rng.Next(days * 24 * 60));
                bool travelling = rng.Chance(0.01);
                // Some arrive from a search engine: a referrer that is not a lookalike.
                string? referrer = rng.Chance(0.1) ? "https://www.google.com/" : null;
                Login(log, at, name, travelling ? "203.0.113." + rng.Next(1, 255) : ip, Agent, referrer);
            }
        }
    }

    public static AttackTruth Campaign(Random rng, DemoLog log, IReadOnlyList<(string Name, string Ip)> customers, int loginCustomers, DateTimeOffset start, bool subtle)
    {
        string domain = rng.Pick(Lookalikes);
        var t0 = start.AddDays(1 + rng.Next(3)).AddHours(6 + rng.Next(10));
        var first = t0;
        if (!subtle) log.Add(t0, EventActions.DomainObserved, ("url.domain", domain), ("domain.source", "certificate-transparency"));
        int victims = subtle ? rng.Next(1, 3) : rng.Next(3, 7);
        var pool = Enumerable.Range(0, loginCustomers).OrderBy(_ => rng.Next()).ToList();
        if (!subtle)
        {
            foreach (int r in pool.Skip(victims).Take(rng.Next(1, 3)))
            {
                log.Add(Ensuresec.Physical.Telemetry.TelemetryEvent.Create(string.Empty, t0.AddHours(2 + rng.NextDouble() * 4), EventActions.EmailReported,
                    ("email.links", new System.Text.Json.Nodes.JsonArray("https://" + domain + "/konto/verifizieren")), ("email.subject", "Ihr Konto wurde eingeschränkt"))
                    with { UserName = customers[r].Name, Dataset = "bank.abuse-mailbox" });
            }
        }

        var accounts = new List<string>();
        var addresses = new List<string>();
        var end = t0;
        foreach (int v in pool.Take(victims))
        {
            var (name, ip) = customers[v];
            // Two ordinary logins earlier in the week, so the account has known networks.
            Login(log, start.AddHours(rng.Next(1, 20)), name, ip, Agent, null);
            Login(log, start.AddHours(rng.Next(21, 24)), name, ip, Agent, null);
            var visit = t0.AddHours(1 + rng.NextDouble() * 28);
            log.Add(new SecurityEvent
            {
                Id = string.Empty, Timestamp = visit, Kind = "event", Category = "web", Action = EventActions.HttpRequest, SourceIp = ip, UserName = name,
                HttpMethod = "GET", UrlPath = "/login", StatusCode = 200, Referrer = "https://" + domain + "/konto/verifizieren", UserAgent = Agent, Dataset = "bank.web",
            });
            Login(log, visit.AddSeconds(40), name, ip, Agent, "https://" + domain + "/konto/verifizieren");
            string attacker = "185." + rng.Next(100, 200) + "." + rng.Next(256) + "." + rng.Next(1, 255);
            var takeover = visit.AddHours(6 + rng.NextDouble() * 34);
            Login(log, takeover, name, attacker, AttackerAgent, null);
            var change = takeover.AddMinutes(5 + rng.Next(25));
            log.Add(new SecurityEvent
            {
                Id = string.Empty, Timestamp = change, Kind = "event", Category = "iam", Action = EventActions.EmailChange, Outcome = EventOutcomes.Success,
                SourceIp = attacker, UserName = name, UserAgent = AttackerAgent, Dataset = "bank.app",
            });
            accounts.Add(name);
            addresses.Add(attacker);
            if (visit < first) first = visit;
            if (change > end) end = change;
        }

        return new AttackTruth
        {
            Id = "B4-phishing-takeover", Kind = AttackKind.PhishingTakeover, Slow = subtle, Start = first, End = end,
            Addresses = addresses, Accounts = accounts, Cards = [], Assets = [new Entity("url.domain", domain)], EventCount = 0,
            Parameters = [new("variant", subtle ? "subtle" : "plain"), new("domain", domain), new("victims", accounts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        };
    }

    private static void Login(DemoLog log, DateTimeOffset at, string user, string ip, string agent, string? referrer) =>
        log.Add(new SecurityEvent
        {
            Id = string.Empty, Timestamp = at, Kind = "event", Category = "authentication", Action = EventActions.Login, Outcome = EventOutcomes.Success,
            SourceIp = ip, UserName = user, UserAgent = agent, Referrer = referrer, Dataset = "bank.app",
        });
}
