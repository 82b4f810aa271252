using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Response.Library;
using Ensuresec.Response.Mitigations;

namespace Ensuresec.Response.Tests.Mitigations;

/// <summary>Each mitigation goes to the entity in the role it acts on: the approver, not the customer; the courier, not the claimant.</summary>
public sealed class RoleTargetingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static Finding F(string id, string rule, Severity severity, string explanation, params Entity[] entities) => new()
    {
        Id = id, Detector = "test", RuleId = rule, Severity = severity, Confidence = 0.9, Technique = "T1657", Explanation = explanation,
        FirstSeen = T0, DetectedAt = T0, Entities = entities, EvidenceEventIds = ["e-" + id], EvidenceCount = 1,
    };

    private static Incident IncidentOf(string id, params Finding[] findings) => new()
    {
        Id = id, Title = "test", Severity = findings.Max(f => f.Severity), FirstSeen = T0, LastSeen = T0,
        // As the correlator lists them: actors first, then by how many findings name them, then by kind and value.
        Entities = findings.SelectMany(f => f.Entities).GroupBy(e => e)
            .OrderByDescending(g => EntityKinds.IsActor(g.Key.Kind)).ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Value, StringComparer.Ordinal).Select(g => g.Key).ToList(),
        FindingIds = findings.Select(f => f.Id).ToList(),
        Techniques = ["T1657"],
        Story = findings.Select(f => new IncidentStep(T0, f.Id, f.RuleId, f.Technique, f.Severity, f.Explanation)).ToList(),
    };

    // The bank's insider: teller "bob" approves refunds of customers' payments to a card of his own. The customer
    // accounts sort before him ("alice", "amy" < "bob"), so the order of the incident's entities cannot be what decides.
    private static readonly Finding[] Insider =
    [
        F("f1", "ES-INS-001", Severity.Critical, "\"bob\" approved refund \"r1\" of 120.00 for \"alice\" to instrument \"fp-mule\", which \"bob\"'s own account has paid with",
            Entity.User("bob"), Entity.User("alice"), Entity.Card("fp-mule")),
        F("f2", "ES-INS-002", Severity.Critical, "\"bob\" approved 3 refunds in 7 d that did not go back to the paying card but to the same instrument \"fp-mule\" (latest \"r3\", 80.00); threshold 3",
            Entity.User("bob"), Entity.User("amy"), Entity.Card("fp-mule")),
        F("f3", "ES-REF-003", Severity.High, "refund \"r1\" of 120.00 went to instrument \"fp-mule\", not to card \"fp-a\" that paid \"p1\"",
            Entity.User("alice"), Entity.Card("fp-mule")),
    ];

    private static readonly Finding[] RetailTakeover =
    [
        F("g1", "ES-AUTH-002", Severity.High, "credential stuffing from 203.0.113.7: 40 accounts tried", Entity.Ip("203.0.113.7"), Entity.User("carol")),
        F("g2", "ES-ATO-001", Severity.High, "carol logged in from a new network and changed e-mail and card", Entity.User("carol"), Entity.Ip("203.0.113.7"), Entity.Card("fp-new")),
    ];

    public static TheoryData<bool> WithAndWithoutFindings() => new() { true, false };

    [Theory]
    [MemberData(nameof(WithAndWithoutFindings))]
    public void BankInsider_RevokesTheApproversRight_AndNotifiesTheCustomers_NeverTheOtherWayRound(bool withFindings)
    {
        var incident = IncidentOf("inc-insider", Insider);
        incident.Entities[0].ShouldBe(Entity.User("alice"), "the test needs a customer listed before the employee");
        var ranked = MitigationRanker.Rank(incident, PlaybookLibrary.Default, withFindings ? Insider : null);

        var revoke = ranked.Where(m => m.EntryId == "revoke-refund-right").ShouldHaveSingleItem();
        revoke.Target.ShouldBe(Entity.User("bob"));
        revoke.TargetRole.ShouldBe(EntityRoles.Employee);
        revoke.Inputs["__employee__"].ShouldBe("bob");
        revoke.Reason.ShouldContain("bob is the employee");
        if (withFindings) revoke.Reason.ShouldContain("refund.approver in finding f1 (ES-INS-001)");
        revoke.ExpectedEffect.ShouldContain("can issue no more refunds");
        revoke.ExpectedEffect.ShouldContain("user.name bob");

        var notified = ranked.Where(m => m.EntryId == "notify-customers").ToList();
        notified.Select(m => m.Target!.Value.Value).Order(StringComparer.Ordinal).ShouldBe(["alice", "amy"]);
        notified.ShouldAllBe(m => m.TargetRole == EntityRoles.Customer && m.Reason.Contains("is the customer", StringComparison.Ordinal));

        ranked.ShouldNotContain(m => m.EntryId == "lock-account" || m.EntryId == "suspend-courier");
        ranked.Where(m => m.EntryId == "block-card-range").ShouldAllBe(m => m.Target == Entity.Card("fp-mule") && m.TargetRole == EntityRoles.Card);
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutFindings))]
    public void RetailTakeover_LocksTheCustomer_BlocksTheAddress_RevokesNothing(bool withFindings)
    {
        var incident = IncidentOf("inc-ato", RetailTakeover);
        var ranked = MitigationRanker.Rank(incident, PlaybookLibrary.Default, withFindings ? RetailTakeover : null);

        var lockAccount = ranked.Where(m => m.EntryId == "lock-account").ShouldHaveSingleItem();
        lockAccount.Target.ShouldBe(Entity.User("carol"));
        lockAccount.TargetRole.ShouldBe(EntityRoles.Customer);
        lockAccount.Reason.ShouldStartWith("carol is the customer");
        lockAccount.ExpectedEffect.ShouldContain("stolen password stops working");

        var block = ranked.Where(m => m.EntryId == "block-address").ShouldHaveSingleItem();
        block.Target.ShouldBe(Entity.Ip("203.0.113.7"));
        block.TargetRole.ShouldBe(EntityRoles.Address);
        block.Reason.ShouldStartWith("203.0.113.7 is the address (source.ip field)");
        block.ExpectedEffect.ShouldContain("403");

        ranked.ShouldNotContain(m => m.EntryId == "revoke-refund-right" || m.EntryId == "suspend-courier");
        ranked.Where(m => m.Target is { } t && t.Kind == EntityKinds.UserName).ShouldAllBe(m => m.TargetRole == EntityRoles.Customer);
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutFindings))]
    public void CourierAndClaimant_EachGetTheirOwnMitigation(bool withFindings)
    {
        Finding[] findings =
        [
            F("h1", "ES-DLV-001", Severity.High, "courier dave: 6 non-delivery claims for 40 deliveries in 7 days (15.0%; p1, p2); allowed 5.0% from 3 claims",
                Entity.User("dave"), new Entity("parcel.id", "p1")),
            F("h2", "ES-PAR-003", Severity.Medium, "erin claims parcel p1 never arrived, but dave scanned its delivery 900 m from the destination",
                Entity.User("erin"), new Entity("parcel.id", "p1")),
        ];
        var incident = IncidentOf("inc-courier", findings);
        var ranked = MitigationRanker.Rank(incident, PlaybookLibrary.Default, withFindings ? findings : null);
        ranked.Where(m => m.EntryId == "suspend-courier").ShouldHaveSingleItem().Inputs["__courier__"].ShouldBe("dave");
        ranked.Where(m => m.EntryId == "notify-customers").ShouldHaveSingleItem().Inputs["__account__"].ShouldBe("erin");
        ranked.Where(m => m.EntryId == "hold-shipment").ShouldHaveSingleItem().Inputs["__shipment__"].ShouldBe("p1");
    }

    [Fact]
    public void SameAccountAsEmployeeAndCustomer_IsTheEmployee()
    {
        var roles = EntityRoles.Assign(IncidentOf("inc-x", Insider[0], F("f9", "ES-ATO-001", Severity.High, "bob logged in", Entity.User("bob"))),
            PlaybookLibrary.Default.AccountRoles, [Insider[0], F("f9", "ES-ATO-001", Severity.High, "bob logged in", Entity.User("bob"))]);
        roles[Entity.User("bob")].Role.ShouldBe(EntityRoles.Employee);
        roles[Entity.User("alice")].Role.ShouldBe(EntityRoles.Customer);
    }

    [Fact]
    public void WorkflowOnlyAccount_IsOfferedTheRevocation_MarkedUnconfirmed()
    {
        var wf = F("w1", "ES-WF-001", Severity.High, "refund above capture", Entity.User("frank"));
        var ranked = MitigationRanker.Rank(IncidentOf("inc-wf", wf), PlaybookLibrary.Default, [wf]);
        var revoke = ranked.Where(m => m.EntryId == "revoke-refund-right").ShouldHaveSingleItem();
        revoke.TargetRole.ShouldBe(EntityRoles.Account);
        revoke.Reason.ShouldContain("not established: confirm before accepting");
    }

    [Theory]
    [InlineData("source.ip", "address")]
    [InlineData("client.ip", "address")]
    [InlineData("payment.card.fingerprint", "card")]
    [InlineData("atm.id", "atm")]
    [InlineData("shipment.id", "shipment")]
    [InlineData("parcel.id", "shipment")]
    [InlineData("batch.id", "batch")]
    [InlineData("user.email", "email")]
    [InlineData("url.path", "asset")]
    [InlineData("atm.cabinet", "atm")]
    [InlineData("payment.card.bin", "card")]
    [InlineData("vehicle.id", "shipment")]
    [InlineData("shipment.courier", "courier")]
    [InlineData("host.ip", "address")]
    [InlineData("zip.code", "asset")]
    public void AssetKinds_MapToRoles(string kind, string role) => EntityRoles.OfKind(kind).ShouldBe(role);
}
