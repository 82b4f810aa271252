using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Json;
using Ensuresec.Detection.Incidents;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Throughput.Tests.Incidents;

/// <summary>
/// An incident that grows to tens of thousands of findings (an alert flood, credential stuffing from one address)
/// keeps exactly the snapshot it had when every snapshot was built from all its findings.
/// </summary>
public sealed class LargeIncidentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Entity Attacker = Entity.Ip("203.0.113.7");

    internal static Finding Alert(int i, DateTimeOffset at, Severity severity = Severity.Medium, string rule = "ES-EXT-001", string detector = "external-alert", params Entity[] entities) => new()
    {
        Id = $"alert:a-{i}",
        Detector = detector,
        RuleId = rule,
        Severity = severity,
        Confidence = 0.5,
        Technique = "T1110." + (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Explanation = $"upstream alert {i}",
        FirstSeen = at,
        DetectedAt = at,
        Entities = entities.Length > 0 ? entities : [Attacker, Entity.User($"user{i}@example.com")],
        EvidenceEventIds = [$"a-{i}"],
        EvidenceCount = 1,
    };

    private static List<Finding> Flood(int n) => [.. Enumerable.Range(0, n).Select(i => Alert(i, T0.AddMilliseconds(10.0 * i)))];

    [Fact]
    public void Add_TwentyThousandFindingsFromOneAddress_OneIncidentWithExactCountsFirstAndLastSteps()
    {
        var findings = Flood(20_000);
        var c = new IncidentCorrelator();
        Incident? last = null;
        foreach (var f in findings) last = c.Add(f);

        c.FindingCount.ShouldBe(20_000);
        var incident = c.Incidents.ShouldHaveSingleItem();
        IncidentJson.ToJson(last!).ShouldBe(IncidentJson.ToJson(incident));
        incident.Story.Count.ShouldBe(1_000);
        incident.FindingIds.Count.ShouldBe(1_000);
        incident.Story[0].FindingId.ShouldBe("alert:a-0");
        incident.Story[^1].FindingId.ShouldBe("alert:a-999");
        incident.FirstSeen.ShouldBe(T0);
        incident.LastSeen.ShouldBe(T0.AddMilliseconds(10.0 * 19_999));
        incident.Severity.ShouldBe(Severity.High);
        incident.Entities.Count.ShouldBe(100);
        incident.Entities[0].ShouldBe(Attacker);
        incident.Title.ShouldBe("External alert of user0@example.com and 98 other accounts from 203.0.113.7");
        incident.Techniques.ShouldBe(["T1110.0", "T1110.1", "T1110.2"]);
        IncidentJson.ToJson(incident).ShouldBe(IncidentJson.ToJson(NaiveIncident.Of(findings, new CorrelatorOptions(), incident.Title)));
    }

    [Fact]
    public void Add_SameFindingsInAnotherOrder_SameSnapshot()
    {
        var findings = Flood(5_000);
        var inOrder = new IncidentCorrelator();
        foreach (var f in findings) inOrder.Add(f);
        var shuffled = new IncidentCorrelator();
        foreach (var f in Shuffle(findings, new Random(7))) shuffled.Add(f);

        IncidentJson.ToJson(shuffled.Incidents.ShouldHaveSingleItem()).ShouldBe(IncidentJson.ToJson(inOrder.Incidents.ShouldHaveSingleItem()));
    }

    [Fact]
    public void Add_EarlierFindingAfterTheListIsFull_EntersTheStoryAndPushesOutTheLast()
    {
        var c = new IncidentCorrelator(new CorrelatorOptions { MaxListed = 3 });
        for (int i = 1; i <= 5; i++) c.Add(Alert(i, T0.AddSeconds(i)));

        var incident = c.Add(Alert(0, T0))!;

        incident.FindingIds.ShouldBe(["alert:a-0", "alert:a-1", "alert:a-2"]);
        incident.LastSeen.ShouldBe(T0.AddSeconds(5));
        c.IncidentIdOf("alert:a-5").ShouldBe(incident.Id);
    }

    [Fact]
    public void Add_MergeOfTwoLargeIncidents_ListsTheEarliestOfBoth()
    {
        var o = new CorrelatorOptions { MaxListed = 10, MaxEntities = 3 };
        var c = new IncidentCorrelator(o);
        var a = Entity.Ip("198.51.100.1");
        var b = Entity.Ip("198.51.100.2");
        var all = new List<Finding>();
        for (int i = 0; i < 40; i++) all.Add(Alert(i, T0.AddSeconds(i), entities: [i % 2 == 0 ? a : b]));
        foreach (var f in all) c.Add(f);
        c.Incidents.Count.ShouldBe(2);

        var bridge = Alert(100, T0.AddSeconds(41), Severity.High, entities: [a, b]);
        all.Add(bridge);
        var retired = new List<string>();
        var merged = c.Add(bridge, retired)!;

        c.Incidents.ShouldHaveSingleItem();
        retired.ShouldHaveSingleItem();
        IncidentJson.ToJson(merged).ShouldBe(IncidentJson.ToJson(NaiveIncident.Of(all, o, merged.Title)));
    }

    private static List<Finding> Shuffle(List<Finding> list, Random rng)
    {
        var copy = list.ToList();
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(copy));
        return copy;
    }

    /// <summary>
    /// Law: after every Add, the incident returned equals the naive snapshot of all findings the correlator put in
    /// that incident so far, whatever the order, overlaps and sizes (small listed and entity caps, so both fill up).
    /// </summary>
    [Fact]
    public void Add_AnyStream_EverySnapshotEqualsTheNaiveOne()
    {
        var o = new CorrelatorOptions { MaxListed = 4, MaxEntities = 3, EscalateAtFindings = 6 };
        var entities = new[] { Entity.Ip("192.0.2.1"), Entity.Ip("192.0.2.2"), Entity.User("a"), Entity.User("b"), Entity.Card("c1"), new Entity("url.domain", "shop.example") };
        var rules = new[] { ("ES-AUTH-001", "credential-stuffing"), ("ES-ATO-001", "account-takeover"), ("ES-EXT-001", "external-alert"), ("ES-WEB-010", "scanning") };
        var item = Gen.Choose(0, 400).Zip(Gen.Choose(0, 63)).Zip(Gen.Choose(0, 3).Zip(Gen.Choose(0, 4)));
        Prop.ForAll(Arb.From(Gen.ListOf(item)), stream =>
        {
            var c = new IncidentCorrelator(o);
            var all = new List<Finding>();
            int i = 0;
            foreach (var ((minute, mask), (rule, severity)) in stream)
            {
                var chosen = entities.Where((_, k) => (mask & (1 << k)) != 0).ToArray();
                var f = Alert(i++, T0.AddMinutes(minute), (Severity)severity, rules[rule].Item1, rules[rule].Item2, chosen.Length == 0 ? [entities[0]] : chosen);
                all.Add(f);
                var got = c.Add(f)!;
                var members = all.Where(x => c.IncidentIdOf(x.Id) == got.Id).ToList();
                if (IncidentJson.ToJson(got) != IncidentJson.ToJson(NaiveIncident.Of(members, o, got.Title))) return false;
            }

            return c.FindingCount == all.Count;
        }).QuickCheckThrowOnFailure();
    }
}
