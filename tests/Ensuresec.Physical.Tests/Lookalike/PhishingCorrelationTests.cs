using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Detection.Incidents;
using Ensuresec.Detection.Lookalike;
using Ensuresec.Physical.Tests.Support;

namespace Ensuresec.Physical.Tests.Lookalike;

public class PhishingCorrelationTests
{
    private static readonly DateTimeOffset T0 = Run.T0;

    private static LookalikeDomainDetector Detector() =>
        new(new LookalikeDomainOptions { BrandDomains = ["ensureshop.com"] }, new LookalikeMatcher(["ensureshop.com"], null, null));

    private static SecurityEvent Request(string id, DateTimeOffset at, string ip, string? user, string referrer) => new()
    {
        Id = id, Timestamp = at, Action = EventActions.HttpRequest, SourceIp = ip, UserName = user, UrlPath = "/login", Referrer = referrer,
    };

    [Fact]
    public void Referrer_FromALookalike_IsOneDomainFinding_AndOneExposurePerCustomer()
    {
        var events = new List<SecurityEvent>
        {
            Request("r1", T0, "203.0.113.5", "alice", "https://ensureshop-login.com/verify"),
            Request("r2", T0.AddMinutes(1), "203.0.113.5", "alice", "https://ensureshop-login.com/verify"),
            Request("r3", T0.AddMinutes(2), "198.51.100.7", "bob", "https://ENSURESHOP-LOGIN.com./x"),
            Request("r4", T0.AddMinutes(3), "198.51.100.8", "carol", "https://www.google.com/search?q=ensureshop"),
            Request("r5", T0.AddMinutes(4), "198.51.100.9", "dave", "https://ensureshop.com/cart"),
            Request("r6", T0.AddMinutes(5), "198.51.100.9", null, "not a url at all \u0000"),
        };
        var findings = Run.Direct(Detector(), events);
        findings.Select(f => f.RuleId).ShouldBe([LookalikeDomainDetector.DomainRule, LookalikeDomainDetector.ExposureRule, LookalikeDomainDetector.ExposureRule]);
        findings[0].Explanation.ShouldBe("lookalike of ensureshop.com: ensureshop-login.com (dictionary: 'ensureshop-login' is the brand name 'ensureshop' with words added) seen as the referrer of http-request /login");
        findings[1].Entities.ShouldContain(Entity.User("alice"));
        findings[2].Entities.ShouldContain(Entity.User("bob"));
    }

    [Fact]
    public void ReportedEmails_AndDomainFeeds_AreRead_HostileLinksAreSkipped()
    {
        var links = new System.Text.Json.Nodes.JsonArray("https://example.org/", "ftp://", "https://ensurеshop.com/pay", 42);
        var events = new List<SecurityEvent>
        {
            new() { Id = "d1", Timestamp = T0, Action = EventActions.DomainObserved, Extra = new() { ["url"] = new System.Text.Json.Nodes.JsonObject { ["domain"] = "ensureshop.net" }, ["domain"] = new System.Text.Json.Nodes.JsonObject { ["source"] = "certificate-transparency" } } },
            new() { Id = "m1", Timestamp = T0.AddHours(1), Action = EventActions.EmailReported, UserName = "erin", Extra = new() { ["email"] = new System.Text.Json.Nodes.JsonObject { ["links"] = links, ["subject"] = "Your order" } } },
        };
        var findings = Run.Direct(new LookalikeDomainDetector(new LookalikeDomainOptions { BrandDomains = ["ensureshop.com"] },
            new LookalikeMatcher(["ensureshop.com"], DnstwistTablesForTests.Value, null)), events);
        findings.Select(f => (f.RuleId, f.Severity)).ShouldBe([(LookalikeDomainDetector.DomainRule, Severity.Medium), (LookalikeDomainDetector.DomainRule, Severity.High), (LookalikeDomainDetector.ExposureRule, Severity.Medium)]);
        findings[0].Explanation.ShouldContain("tld-swap");
        findings[0].Explanation.ShouldContain("certificate-transparency feed");
        findings[1].Explanation.ShouldContain("cyrillic");
        findings[1].Explanation.ShouldContain("reported by erin (subject \"Your order\")");
        findings[2].Entities.ShouldContain(Entity.User("erin"));
    }

    private static readonly Lazy<DnstwistTables> DnstwistTablesForTests = new(() => DnstwistTables.Load(Ensuresec.Tests.Support.SharedData.PathOf("dnstwist/fuzz_tables.json")));

    private static Finding F(string id, string detector, string rule, DateTimeOffset at, params Entity[] entities) => new()
    {
        Id = id, Detector = detector, RuleId = rule, Severity = Severity.Medium, Confidence = 0.7, Technique = "T1078", Explanation = id,
        FirstSeen = at, DetectedAt = at, Entities = entities, EvidenceEventIds = [id], EvidenceCount = 1,
    };

    [Fact]
    public void PhishingDomain_ThenTakeoversOfItsVictims_IsOneIncidentInOrder_WhateverTheArrivalOrder()
    {
        var domain = new Entity(LookalikeDomainDetector.DomainEntity, "ensureshop-login.com");
        var findings = new List<Finding>
        {
            F("lka", "lookalike-domain", "ES-LKA-001", T0, domain),
            F("exp-alice", "lookalike-domain", "ES-LKA-002", T0.AddMinutes(5), domain, Entity.User("alice")),
            F("exp-bob", "lookalike-domain", "ES-LKA-002", T0.AddHours(7), domain, Entity.User("bob")),
            F("ato-alice", "account-takeover", "ES-ATO-001", T0.AddDays(2), Entity.User("alice"), Entity.Ip("192.0.2.66")),
            F("ato-bob", "account-takeover", "ES-ATO-001", T0.AddDays(2).AddHours(5), Entity.User("bob"), Entity.Ip("192.0.2.67")),
            F("ato-carol", "account-takeover", "ES-ATO-001", T0.AddDays(2), Entity.User("carol"), Entity.Ip("192.0.2.68")),
            F("ato-alice-late", "account-takeover", "ES-ATO-001", T0.AddDays(6), Entity.User("alice"), Entity.Ip("192.0.2.69")),
        };
        foreach (var order in new[] { findings, Enumerable.Reverse(findings).ToList(), findings.OrderBy(f => f.Id, StringComparer.Ordinal).ToList() })
        {
            var correlator = new IncidentCorrelator();
            foreach (var f in order) correlator.Add(f);
            var incidents = correlator.Incidents;
            incidents.Count.ShouldBe(3);
            var phishing = incidents.Single(i => i.FindingIds.Contains("lka"));
            phishing.Story.Select(s => s.FindingId).ShouldBe(["lka", "exp-alice", "exp-bob", "ato-alice", "ato-bob"]);
            // Medium findings; three distinct rules raise it one step, and a takeover after the phishing (the phishing
            // succeeding) one more.
            phishing.Severity.ShouldBe(Severity.Critical);
            incidents.Single(i => i.FindingIds.Contains("ato-carol")).Severity.ShouldBe(Severity.Medium);
        }
    }

    [Fact]
    public void ExposureWindow_IsConfigurable_AndValidated()
    {
        new CorrelatorOptions { ExposureWindow = TimeSpan.Zero }.Validate().Single().Key.ShouldBe("ExposureWindow");
        var domain = new Entity(LookalikeDomainDetector.DomainEntity, "x-ensureshop.com");
        var correlator = new IncidentCorrelator(new CorrelatorOptions { ExposureWindow = TimeSpan.FromHours(12) });
        correlator.Add(F("exp", "lookalike-domain", "ES-LKA-002", T0, domain, Entity.User("alice")));
        correlator.Add(F("ato", "account-takeover", "ES-ATO-001", T0.AddDays(1), Entity.User("alice")));
        correlator.Incidents.Count.ShouldBe(2);
    }
}
