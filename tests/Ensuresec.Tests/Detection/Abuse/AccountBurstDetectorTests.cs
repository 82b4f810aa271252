using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection;
using Ensuresec.Detection.Accounts;
using static Ensuresec.Tests.Detection.Abuse.AbuseEvents;

namespace Ensuresec.Tests.Detection.Abuse;

public sealed class AccountBurstDetectorTests
{
    private static readonly string[] Domains = ["gmail.com", "outlook.com", "yahoo.com", "gmx.de", "web.de", "orange.fr"];
    private static readonly string[] First = ["anna", "ben", "chloe", "david", "emma", "felix", "greta", "hugo", "ida", "jonas", "klara", "leo"];
    private static readonly string[] Last = ["smith", "meyer", "dubois", "rossi", "novak", "berg", "costa", "weber", "fischer", "moreau"];

    // The explanations, so a failing assertion shows what fired.
    private static List<string> Explained(List<Finding> findings) => [.. findings.Select(x => x.Explanation)];

    private static List<Finding> Run(IEnumerable<SecurityEvent> events, AccountBurstOptions? options = null) =>
        DetectorRunner.Run(new AccountBurstDetector(options ?? new AccountBurstOptions()), events);

    /// <summary>
    /// Ordinary sign-ups: <paramref name="perHour"/> an hour over <paramref name="hours"/>, from home addresses (each new),
    /// a university NAT (5%) and four carrier NAT addresses (12%), at webmail domains, with a multiplier per hour
    /// (a campaign) from <paramref name="campaign"/>.
    /// </summary>
    private static List<SecurityEvent> Ordinary(AbuseEvents f, int hours, double perHour, int seed, Func<int, double>? campaign = null)
    {
        var rng = new Random(seed);
        var events = new List<SecurityEvent>();
        int n = 0;
        for (int h = 0; h < hours; h++)
        {
            double rate = perHour * (campaign?.Invoke(h) ?? 1);
            int count = (int)rate + (rng.NextDouble() < rate - (int)rate ? 1 : 0);
            for (int i = 0; i < count; i++)
            {
                n++;
                string user = $"{First[rng.Next(First.Length)]}{Last[rng.Next(Last.Length)]}{rng.Next(1950, 2010)}x{n}";
                double r = rng.NextDouble();
                string ip = r < 0.05 ? "192.0.2.1" : r < 0.17 ? "100.64.0." + rng.Next(1, 5) : $"198.{rng.Next(18, 20)}.{rng.Next(256)}.{rng.Next(1, 255)}";
                events.Add(f.Signup(user, user + "@" + Domains[rng.Next(Domains.Length)], ip, T0.AddHours(h).AddSeconds(rng.Next(3600)), "dev-" + n));
            }
        }

        return [.. events.OrderBy(e => e.Timestamp)];
    }

    [Fact]
    public void Observe_BurstFromOneNetworkAtAThrowAwayDomain_FiresOnceWithEvidenceAndReasons()
    {
        var f = new AbuseEvents();
        var ordinary = Ordinary(f, 48, 4, seed: 1);
        var burst = Enumerable.Range(0, 30).Select(i =>
            f.Signup("bot" + i, $"qz{i}x7k{i}m2w@mailinator.com", "203.0.113." + (10 + (i % 3)), T0.AddHours(30).AddMinutes(i * 1.5), "dev-bot-" + (i % 2)));

        var findings = Run(ordinary.Concat(burst).OrderBy(e => e.Timestamp));

        findings.ShouldNotBeEmpty();
        findings.Count.ShouldBeLessThanOrEqualTo(4, string.Join(" | ", Explained(findings)));
        findings.ShouldAllBe(x => x.RuleId == AccountBurstDetector.Rule && x.Technique == "T1585");
        var first = findings[0];
        first.Entities.ShouldContain(e => e.Kind == EntityKinds.UserName && e.Value.StartsWith("bot", StringComparison.Ordinal));
        first.Explanation.ShouldContain("expected from its share");
        first.Explanation.ShouldContain("OAT-019");
        first.Explanation.ShouldContain("throw-away mail domains");
        first.EvidenceCount.ShouldBeGreaterThanOrEqualTo(5);
        first.FirstSeen.ShouldBeGreaterThanOrEqualTo(T0.AddHours(30));
    }

    [Fact]
    public void Observe_SlowBurstOfPlusAddressesOfOneMailbox_FiresOnTheMailbox()
    {
        var f = new AbuseEvents();
        var ordinary = Ordinary(f, 72, 4, seed: 2);
        var slow = Enumerable.Range(0, 6).Select(i =>
            f.Signup("jd" + i, $"j.doe+shop{i}@gmail.com", $"81.{20 + i}.3.{40 + i}", T0.AddHours(40 + (i * 2.5)), "dev-jd-" + i));

        var findings = Run(ordinary.Concat(slow).OrderBy(e => e.Timestamp));

        var finding = Explained(findings).ShouldHaveSingleItem();
        finding.ShouldContain("mailbox \"jdoe@gmail.com\"");
        finding.ShouldContain("plus-addressed");
    }

    [Fact]
    public void Observe_SequentialLocalPartsAcrossDomains_FiresOnTheStem()
    {
        var f = new AbuseEvents();
        var ordinary = Ordinary(f, 60, 4, seed: 3);
        var burst = Enumerable.Range(0, 8).Select(i =>
            f.Signup("shopper" + (100 + i), $"shopper{100 + i}@{Domains[i % Domains.Length]}", $"77.{i}.{i}.9", T0.AddHours(44).AddMinutes(i * 20), "dev-s" + i));

        var finding = Explained(Run(ordinary.Concat(burst).OrderBy(e => e.Timestamp))).ShouldHaveSingleItem();
        finding.ShouldContain("local-part stem \"shopper\"");
        finding.ShouldContain("one stem with a number");
    }

    [Fact]
    public void Observe_MarketingCampaignMultiplyingEverySource_Silent()
    {
        var f = new AbuseEvents();
        // Two ordinary days, then eight hours at eight times the rate through the same kinds of sources.
        var events = Ordinary(f, 72, 5, seed: 4, campaign: h => h is >= 50 and < 58 ? 8 : 1);

        Explained(Run(events)).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_UniversityNatWithItsUsualShare_Silent()
    {
        var f = new AbuseEvents();
        Explained(Run(Ordinary(f, 24 * 7, 6, seed: 5))).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_SameBurstFromAnAddressWithAHistoryOfMany_IsJudgedAgainstThatHistory()
    {
        // An office proxy that always brings about a third of sign-ups: 12 in an hour there is its normal.
        var f = new AbuseEvents();
        var events = new List<SecurityEvent>();
        for (int h = 0; h < 72; h++)
        {
            for (int i = 0; i < 12; i++) events.Add(f.Signup($"o{h}-{i}", $"o{h}-{i}@corp.example", i % 3 == 0 ? "192.0.2.50" : $"198.{18 + i}.{h}.{i}", T0.AddHours(h).AddMinutes(i * 5), $"dev-{h}-{i}"));
        }

        // Prior share alone would call 4 an hour from one address a burst; the address's own history says otherwise.
        Explained(Run(events, new AccountBurstOptions { MinAccounts = 4 })).ShouldBeEmpty();
    }

    [Fact]
    public void Observe_AttackerControlledKeys_StateStaysBounded()
    {
        var options = new AccountBurstOptions { MaxKeys = 1_000, MaxEntriesPerKey = 16 };
        var detector = new AccountBurstDetector(options);
        var f = new AbuseEvents();
        var events = Enumerable.Range(0, 30_000).Select(i =>
            f.Signup("u" + i, $"r{i}@d{i}.example", $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}", T0.AddSeconds(i), "dev" + i, "Name " + i));
        DetectorRunner.Run(detector, events);

        detector.StateKeys.ShouldBeLessThanOrEqualTo(options.MaxKeys);
        detector.StateEntries.ShouldBeLessThanOrEqualTo((long)options.MaxKeys * options.MaxEntriesPerKey);
    }

    [Fact]
    public void Observe_MissingAndHostileFields_NeverThrowsAndQuotesSafely()
    {
        var f = new AbuseEvents();
        string hostile = "<img src=x onerror=alert(1)>\u0000\r\n" + new string('a', 50_000);
        var events = new List<SecurityEvent>
        {
            new() { Id = "bare", Timestamp = T0, Action = EventActions.AccountCreate },
            f.Signup("u1", "not-an-address", null, T0),
            f.Signup("u2", "@", "not-an-ip", T0),
            f.Signup("u3", "a@", "::1", T0),
            f.Signup("u4", "x@" + new string('d', 10_000) + ".com", "256.1.1.1", T0),
        };
        for (int i = 0; i < 12; i++) events.Add(f.Signup(i + hostile, hostile + "@evil.example", hostile, T0.AddMinutes(i), hostile, hostile));

        var findings = Run(events);

        findings.ShouldNotBeEmpty();
        findings.ShouldAllBe(x => !x.Explanation.Contains('\n') && !x.Explanation.Contains('\u0000') && x.Explanation.Length < 3_000);
        findings.SelectMany(x => x.Entities).ShouldAllBe(x => x.Value.Length <= 128);
    }

    [Fact]
    public void Constructor_InvalidOptions_RefusedNamingEveryProblem()
    {
        var bad = new AccountBurstOptions { ShortWindow = TimeSpan.FromDays(2), PriorShare = 0, MinSurprise = double.NaN, DisposableDomains = ["a@b"] };
        var ex = Should.Throw<ArgumentException>(() => new AccountBurstDetector(bad));
        ex.Message.ShouldContain("ShortWindow");
        ex.Message.ShouldContain("PriorShare");
        ex.Message.ShouldContain("MinSurprise");
        ex.Message.ShouldContain("DisposableDomains");
        DetectorCatalog.Validate(new DetectionOptions { AccountBurst = bad }).ShouldContain(e => e.Key == "detectors.account-burst.prior-share");
    }

    [Fact]
    public async Task Pipeline_TwoPartitions_SameFindingsAsOne()
    {
        var f = new AbuseEvents();
        var events = Ordinary(f, 24, 4, seed: 6).Concat(Enumerable.Range(0, 12).Select(i =>
            f.Signup("b" + i, $"b{i}@yopmail.com", "203.0.113.9", T0.AddHours(20).AddMinutes(i), "dev-b"))).OrderBy(e => e.Timestamp).ToList();
        var one = Run(events);
        var two = await DetectorRunner.RunPipelineAsync([() => new AccountBurstDetector(new AccountBurstOptions())], events);
        one.ShouldNotBeEmpty();
        two.Select(x => x.Id).ShouldBe(one.Select(x => x.Id));
    }

    /// <summary>
    /// Two ordinary days at 6 sign-ups an hour where the university NAT brings 0.5%, then a campaign aimed at students:
    /// eight hours at 40 an hour, 8% of them through the NAT. Every account is a distinct person: own device, own
    /// name, own mailbox at a webmail domain.
    /// </summary>
    private static List<SecurityEvent> StudentCampaign(AbuseEvents f, string nat, int seed)
    {
        var rng = new Random(seed);
        var events = new List<SecurityEvent>();
        int n = 0;
        for (int h = 0; h < 72; h++)
        {
            bool campaign = h is >= 52 and < 60;
            int count = campaign ? 40 : 6;
            for (int i = 0; i < count; i++)
            {
                n++;
                // A local part of letters only (no shared numbered stem by chance): "anna.berg.bqd".
                string user = $"{First[rng.Next(First.Length)]}.{Last[rng.Next(Last.Length)]}.{Letters(n)}";
                string ip = rng.NextDouble() < (campaign ? 0.08 : 0.005) ? nat : $"198.{rng.Next(18, 20)}.{rng.Next(256)}.{rng.Next(1, 255)}";
                events.Add(f.Signup(user, $"{user}@{Domains[rng.Next(Domains.Length)]}", ip, T0.AddHours(h).AddSeconds(rng.Next(3600)), "dev-" + n));
            }
        }

        return [.. events.OrderBy(e => e.Timestamp)];

        static string Letters(int n)
        {
            var text = new System.Text.StringBuilder();
            for (; n > 0; n /= 26) text.Append((char)('a' + (n % 26)));
            return text.ToString();
        }
    }

    [Fact]
    public void Observe_CampaignAimedAtTheUniversityNat_SilentThoughItsShareJumps()
    {
        var events = StudentCampaign(new AbuseEvents(), "192.0.2.1", seed: 7);

        Explained(Run(events)).ShouldBeEmpty();

        // Judged by its count alone, the NAT's jump from its old share (29 against 4 expected, one in 10^15) is a burst:
        // the crowd rule is what keeps it silent.
        Explained(Run(events, new AccountBurstOptions { MinCommonShare = 0 })).ShouldContain(x => x.Contains("network address \"192.0.2.1\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Observe_BurstMadeByOneHandDuringTheCampaign_StillFires()
    {
        var f = new AbuseEvents();
        // The fast burst at its mildest: 20 accounts over 90 minutes from two hosting addresses of one /24 and three
        // devices, one numbered stem at webmail, in the middle of the students' campaign.
        var burst = Enumerable.Range(0, 20).Select(i => f.Signup("deals-" + i, $"deals{300 + i}@{Domains[i % Domains.Length]}",
            "203.0.113." + (10 + (7 * (i % 2))), T0.AddHours(54).AddMinutes(i * 4.5), "dev-x" + (i % 3)));

        var findings = Run(StudentCampaign(f, "192.0.2.1", seed: 7).Concat(burst).OrderBy(e => e.Timestamp));

        findings.ShouldNotBeEmpty();
        findings.ShouldAllBe(x => x.Entities.Any(e => e.Kind == EntityKinds.UserName && e.Value.StartsWith("deals-", StringComparison.Ordinal)), string.Join(" | ", Explained(findings)));
        findings.ShouldAllBe(x => !x.Entities.Contains(Entity.Ip("192.0.2.1")));
        findings[0].DetectedAt.ShouldBeLessThan(T0.AddHours(54).AddMinutes(30));
    }

    [Fact]
    public void Observe_CrowdWithNothingInCommonFromANewAddress_FiresWhenOverwhelming()
    {
        var f = new AbuseEvents();
        var ordinary = Ordinary(f, 48, 4, seed: 8);
        // Forty distinct-looking people in half an hour from one address never seen: beyond any shift of the mix.
        var crowd = Enumerable.Range(0, 40).Select(i =>
        {
            string user = $"{First[i % First.Length]}.{Last[i % Last.Length]}{1960 + i}";
            return f.Signup(user, $"{user}@{Domains[i % Domains.Length]}", "203.0.113.77", T0.AddHours(30).AddSeconds(i * 45), "dev-crowd-" + i);
        });

        var finding = Explained(Run(ordinary.Concat(crowd).OrderBy(e => e.Timestamp))).ShouldHaveSingleItem();
        finding.ShouldContain("network address \"203.0.113.77\"");
    }

    [Fact]
    public void Options_CrowdSurpriseBelowMinSurprise_Invalid()
    {
        var errors = new AccountBurstOptions { MinSurprise = 8, MinCrowdSurprise = 7, MinCommonShare = 1.5 }.Validate();
        errors.ShouldContain(e => e.Key == nameof(AccountBurstOptions.MinCrowdSurprise));
        errors.ShouldContain(e => e.Key == nameof(AccountBurstOptions.MinCommonShare));
    }
}
