using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Incidents;
using static Ensuresec.Tests.Detection.EventFactory;

namespace Ensuresec.Tests.Detection;

public sealed class IncidentCorrelatorTests
{
    private static Finding F(string id, string rule, string detector, DateTimeOffset at, Severity severity, params Entity[] entities) => new()
    {
        Id = id,
        Detector = detector,
        RuleId = rule,
        Severity = severity,
        Confidence = 0.8,
        Technique = "T" + rule,
        Explanation = id + " happened",
        FirstSeen = at.AddMinutes(-1),
        DetectedAt = at,
        Entities = entities,
        EvidenceEventIds = ["e-" + id],
        EvidenceCount = 1,
    };

    private static readonly Entity Ip9 = Entity.Ip("203.0.113.9");
    private static readonly Entity Alice = Entity.User("alice@example.com");

    [Fact]
    public void Add_StuffingThenTakeover_OneIncidentEscalatedWithTitleInWords()
    {
        var c = new IncidentCorrelator();
        c.Add(F("f1", "ES-AUTH-001", "credential-stuffing", T0, Severity.High, Ip9, Alice));
        var incident = c.Add(F("f2", "ES-ATO-001", "account-takeover", T0.AddMinutes(20), Severity.High, Alice, Ip9))!;

        incident.Title.ShouldBe("Credential stuffing then account takeover of alice@example.com from 203.0.113.9");
        incident.Severity.ShouldBe(Severity.Critical);
        incident.Story.Select(s => s.FindingId).ShouldBe(["f1", "f2"]);
        incident.Techniques.ShouldBe(["TES-AUTH-001", "TES-ATO-001"]);
        c.Incidents.ShouldHaveSingleItem();
    }

    [Fact]
    public void Add_FindingSharingNoJoinableEntity_SeparateIncidents()
    {
        var c = new IncidentCorrelator();
        c.Add(F("f1", "ES-WEB-012", "scanning", T0, Severity.Medium, Entity.Ip("198.51.100.1"), Entity.Url("/")));
        c.Add(F("f2", "ES-WEB-012", "scanning", T0.AddMinutes(1), Severity.Medium, Entity.Ip("198.51.100.2"), Entity.Url("/")));

        c.Incidents.Count.ShouldBe(2);
    }

    [Fact]
    public void Add_GapLongerThanWindow_Splits()
    {
        var c = new IncidentCorrelator(new CorrelatorOptions { Gap = TimeSpan.FromHours(1) });
        c.Add(F("f1", "ES-WEB-012", "scanning", T0, Severity.Medium, Ip9));
        c.Add(F("f2", "ES-WEB-010", "scanning", T0.AddMinutes(61), Severity.Medium, Ip9));

        c.Incidents.Count.ShouldBe(2);
    }

    [Fact]
    public void Add_FindingBridgingTwoIncidents_MergesAndRetiresOneId()
    {
        var c = new IncidentCorrelator();
        var a = c.Add(F("f1", "ES-WEB-012", "scanning", T0, Severity.Medium, Ip9))!;
        var b = c.Add(F("f2", "ES-AUTH-003", "credential-stuffing", T0.AddMinutes(5), Severity.Medium, Alice, Entity.Ip("198.51.100.7")))!;
        a.Id.ShouldNotBe(b.Id);
        var retired = new List<string>();

        var merged = c.Add(F("f3", "ES-ATO-001", "account-takeover", T0.AddMinutes(10), Severity.High, Alice, Ip9), retired)!;

        c.Incidents.ShouldHaveSingleItem().Id.ShouldBe(merged.Id);
        merged.Id.ShouldBe(a.Id);
        retired.ShouldBe([b.Id]);
        merged.FindingIds.ShouldBe(["f1", "f2", "f3"]);
        // Three rules raise High one step; takeover after a password attack raises it again, capped at critical.
        merged.Severity.ShouldBe(Severity.Critical);
    }

    [Fact]
    public void Add_ManyFindingsOfOneRule_RaisedOneStep()
    {
        var c = new IncidentCorrelator(new CorrelatorOptions { EscalateAtFindings = 5 });
        Incident? last = null;
        for (int i = 0; i < 5; i++) last = c.Add(F("f" + i, "ES-WEB-012", "scanning", T0.AddMinutes(i * 30), Severity.Medium, Ip9));

        last!.Severity.ShouldBe(Severity.High);
    }

    [Fact]
    public void Add_SameFindingTwice_SecondReturnsNull()
    {
        var c = new IncidentCorrelator();
        var f = F("f1", "ES-WEB-012", "scanning", T0, Severity.Medium, Ip9);
        c.Add(f).ShouldNotBeNull();
        c.Add(f).ShouldBeNull();
        c.FindingCount.ShouldBe(1);
    }

    [Fact]
    public void Add_ShuffledInput_SameIncidents()
    {
        var rng = new Random(42);
        var findings = new List<Finding>();
        for (int i = 0; i < 300; i++)
        {
            var at = T0.AddMinutes(rng.Next(0, 600));
            var ip = Entity.Ip("203.0.113." + rng.Next(0, 12));
            var user = Entity.User("u" + rng.Next(0, 30));
            findings.Add(F("f" + i, i % 2 == 0 ? "ES-AUTH-001" : "ES-ATO-001", i % 2 == 0 ? "credential-stuffing" : "account-takeover", at, (Severity)rng.Next(0, 5), ip, user));
        }

        var reference = Snapshot(findings);
        for (int seed = 0; seed < 5; seed++)
        {
            var r = new Random(seed);
            Snapshot([.. findings.OrderBy(_ => r.Next())]).ShouldBe(reference);
        }
    }

    [Fact]
    public void Add_HundredThousandFindingsFurtherApartThanTheGap_StaySeparate()
    {
        // Speed is measured in bench/, not asserted here; this pins the grouping at scale.
        var c = new IncidentCorrelator();
        for (int i = 0; i < 100_000; i++)
        {
            c.Add(F("f" + i, "ES-WEB-012", "scanning", T0.AddSeconds(i), Severity.Medium, Entity.Ip("10.0." + (i % 5_000 / 250) + "." + (i % 250))));
        }

        // Each address recurs every 5,000 s, beyond the 1 h gap, so no two findings join.
        c.Incidents.Count.ShouldBe(100_000);
        c.FindingCount.ShouldBe(100_000);
    }

    [Fact]
    public void Add_AlertFloodFromOneAddress_IsOneIncidentListingTheEarliest()
    {
        // One incident grows by every finding; each snapshot is bounded by MaxListed, not by the incident's size.
        var c = new IncidentCorrelator(new CorrelatorOptions { MaxListed = 50 });
        Incident? last = null;
        for (int i = 0; i < 20_000; i++)
        {
            last = c.Add(F("a" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), "ES-EXT-001", "external-alert", T0.AddSeconds(i), Severity.Medium, Entity.Ip("192.0.2.1")));
        }

        c.Incidents.ShouldHaveSingleItem();
        last!.FindingIds.Count.ShouldBe(50);
        last.FindingIds[0].ShouldBe("a00000");
        last.FirstSeen.ShouldBe(T0.AddMinutes(-1));
        last.LastSeen.ShouldBe(T0.AddSeconds(19_999));
        last.Severity.ShouldBe(Severity.High, "medium, raised one step for 10 or more findings");
    }

    [Fact]
    public void Add_StuffingCampaignFromManyAddresses_OneIncidentListingItsAddressesAndAccounts()
    {
        // A botnet: each address tries other accounts, so its findings share no address or account; only the rule and time.
        var c = new IncidentCorrelator();
        foreach (var f in Campaign("s", "ES-AUTH-001", "credential-stuffing", 40, T0, "198.51.100.")) c.Add(f);

        var incident = c.Incidents.ShouldHaveSingleItem();
        incident.FindingIds.Count.ShouldBe(40);
        incident.Entities.Count(e => e.Kind == EntityKinds.SourceIp).ShouldBe(40);
        incident.Entities.Count(e => e.Kind == EntityKinds.UserName).ShouldBe(40);
        incident.Title.ShouldEndWith("from 198.51.100.0 and 39 other addresses");
    }

    [Fact]
    public void Add_TwoCampaignsAtTheSameTime_StayApart()
    {
        // Stuffing and spraying interleaved minute by minute from different botnets: one incident each.
        var c = new IncidentCorrelator();
        var stuffing = Campaign("s", "ES-AUTH-001", "credential-stuffing", 30, T0, "198.51.100.");
        var spraying = Campaign("p", "ES-AUTH-002", "credential-stuffing", 30, T0.AddSeconds(30), "203.0.113.");
        foreach (var (a, b) in stuffing.Zip(spraying))
        {
            c.Add(a);
            c.Add(b);
        }

        c.Incidents.Count.ShouldBe(2);
        c.IncidentIdOf("s0").ShouldBe(c.IncidentIdOf("s29"));
        c.IncidentIdOf("p0").ShouldBe(c.IncidentIdOf("p29"));
        c.IncidentIdOf("s0").ShouldNotBe(c.IncidentIdOf("p0"));
    }

    [Fact]
    public void Add_CampaignOfOneRuleAfterTheCampaignGap_IsAnotherIncident()
    {
        var c = new IncidentCorrelator(new CorrelatorOptions { CampaignGap = TimeSpan.FromMinutes(10) });
        foreach (var f in Campaign("a", "ES-AUTH-001", "credential-stuffing", 10, T0, "198.51.100.")) c.Add(f);
        foreach (var f in Campaign("b", "ES-AUTH-001", "credential-stuffing", 10, T0.AddMinutes(9 + 11), "203.0.113.")) c.Add(f);

        c.Incidents.Count.ShouldBe(2);
    }

    [Fact]
    public void Add_OtherFindingsDuringACampaign_DoNotJoinIt()
    {
        // A customer's own failed logins and a scanner hit the site while the campaign runs: their own incidents.
        var c = new IncidentCorrelator();
        foreach (var f in Campaign("s", "ES-AUTH-001", "credential-stuffing", 20, T0, "198.51.100.")) c.Add(f);
        c.Add(F("g", "ES-AUTH-003", "credential-stuffing", T0.AddMinutes(5), Severity.Medium, Entity.User("bob@example.com"), Entity.Ip("192.0.2.50")));
        c.Add(F("w", "ES-WEB-012", "scanning", T0.AddMinutes(6), Severity.Medium, Entity.Ip("192.0.2.60"), Entity.Url("/login")));

        c.Incidents.Count.ShouldBe(3);
        c.IncidentIdOf("s0").ShouldBe(c.IncidentIdOf("s19"));
        c.IncidentIdOf("g").ShouldNotBe(c.IncidentIdOf("s0"));
        c.IncidentIdOf("w").ShouldNotBe(c.IncidentIdOf("s0"));
    }

    [Fact]
    public void Add_CampaignRulesEmpty_FindingsOfManyAddressesStayApart()
    {
        var c = new IncidentCorrelator(new CorrelatorOptions { CampaignRules = [] });
        foreach (var f in Campaign("s", "ES-AUTH-001", "credential-stuffing", 5, T0, "198.51.100.")) c.Add(f);

        c.Incidents.Count.ShouldBe(5);
    }

    [Fact]
    public void Validate_BadCampaignGap_NamesCampaignGap()
    {
        new CorrelatorOptions { CampaignGap = TimeSpan.Zero }.Validate().ShouldHaveSingleItem().Key.ShouldBe("CampaignGap");
    }

    [Fact]
    public void Validate_BadGap_NamesGap()
    {
        new CorrelatorOptions { Gap = TimeSpan.Zero }.Validate().ShouldHaveSingleItem().Key.ShouldBe("Gap");
        Should.Throw<ArgumentException>(() => new IncidentCorrelator(new CorrelatorOptions { Gap = TimeSpan.Zero }));
    }

    // One finding a minute, each from its own address and naming its own (won) account.
    private static List<Finding> Campaign(string prefix, string rule, string detector, int addresses, DateTimeOffset start, string net) =>
        Enumerable.Range(0, addresses)
            .Select(i => F(prefix + i, rule, detector, start.AddMinutes(i), Severity.High, Entity.Ip(net + i), Entity.User($"{prefix}-victim{i}@example.com")))
            .ToList();

    private static List<string> Snapshot(IEnumerable<Finding> findings)
    {
        var c = new IncidentCorrelator();
        foreach (var f in findings) c.Add(f);
        return c.Incidents.Select(i => $"{i.Id}|{i.Severity}|{i.Title}|{string.Join(",", i.FindingIds)}").Order(StringComparer.Ordinal).ToList();
    }
}
