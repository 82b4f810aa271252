using Ensuresec.Core.Events;
using Ensuresec.Detection.Fraud;
using static Ensuresec.Learning.Tests.Fraud.Commerce;

namespace Ensuresec.Learning.Tests.Fraud;

public sealed class RefundDetectorTests
{
    private static readonly RefundOptions Options = new();

    [Fact]
    public void RefundAbuse_OrdinaryRefundToThePayingCardAfterDelivery_IsQuiet()
    {
        var findings = Run(new RefundAbuseDetector(Options),
        [
            Payment(0, "ann", "card-a", 80, "p1", "o1"),
            Delivered(60 * 24, "o1"),
            Refund(60 * 48, "ann", "r1", "p1", "o1", 30, "card-a", "clerk", "ann"),
            Refund(60 * 49, "ann", "r2", "p1", "o1", 50, "card-a", "clerk", "ann"),
        ]);

        findings.ShouldBeEmpty();
    }

    [Fact]
    public void RefundAbuse_RefundsAbovePaid_AreFlaggedOnTheRefundThatCrossesIt()
    {
        var findings = Run(new RefundAbuseDetector(Options),
        [
            Payment(0, "ann", "card-a", 80, "p1", "o1"),
            Delivered(10, "o1"),
            Refund(20, "ann", "r1", "p1", "o1", 60, "card-a", "clerk", "ann"),
            Refund(30, "ann", "r2", "p1", "o1", 60, "card-a", "clerk", "ann"),
        ]);

        var finding = findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(RefundAbuseDetector.OverRefundRule);
        finding.Explanation.ShouldContain("120.00, above the 80.00 paid");
    }

    [Fact]
    public void RefundAbuse_RefundToAnotherInstrument_IsFlagged()
    {
        var findings = Run(new RefundAbuseDetector(Options),
        [
            Payment(0, "ann", "card-a", 80, "p1", "o1"),
            Delivered(10, "o1"),
            Refund(20, "ann", "r1", "p1", "o1", 80, "card-z", "clerk", "ann"),
        ]);

        findings.ShouldHaveSingleItem().RuleId.ShouldBe(RefundAbuseDetector.OtherInstrumentRule);
        findings[0].Entities.ShouldContain(e => e.Value == "card-z");
    }

    [Fact]
    public void RefundAbuse_SecondRefundWithoutDelivery_IsSerialAbuse()
    {
        var findings = Run(new RefundAbuseDetector(Options),
        [
            Payment(0, "bob", "card-b", 40, "p1", "o1"),
            Payment(5, "bob", "card-b", 45, "p2", "o2"),
            Delivered(30, "o-someone-else"),
            Refund(60, "bob", "r1", "p1", "o1", 40, "card-b", "clerk", "bob"),
            Refund(120, "bob", "r2", "p2", "o2", 45, "card-b", "clerk", "bob"),
        ]);

        var finding = findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(RefundAbuseDetector.NoDeliveryRule);
        finding.EvidenceEventIds.Count.ShouldBe(2);
    }

    [Fact]
    public void RefundAbuse_StreamWithoutAnyDeliveries_DoesNotCallRefundsUndelivered()
    {
        // A bank or a shop without a carrier feed: no delivered scan ever arrives, so none is missing.
        var findings = Run(new RefundAbuseDetector(Options),
        [
            Payment(0, "bob", "card-b", 40, "p1", "o1"),
            Payment(5, "bob", "card-b", 45, "p2", "o2"),
            Refund(60, "bob", "r1", "p1", "o1", 40, "card-b", "clerk", "bob"),
            Refund(120, "bob", "r2", "p2", "o2", 45, "card-b", "clerk", "bob"),
        ]);

        findings.ShouldBeEmpty();
    }

    [Fact]
    public void Insider_RefundToACardTheApproverPaidWith_IsCritical()
    {
        var findings = Run(new InsiderFraudDetector(Options),
        [
            Payment(0, "eve.staff", "card-eve", 12, "p0", "o0"),
            Payment(10, "carl", "card-c", 300, "p1", "o1"),
            Refund(20, "carl", "r1", "p1", "o1", 300, "card-eve", "eve.staff", "carl"),
        ]);

        var finding = findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(InsiderFraudDetector.OwnInstrumentRule);
        finding.Severity.ShouldBe(Severity.Critical);
        finding.Entities[0].Value.ShouldBe("eve.staff");
    }

    [Fact]
    public void Insider_OffInstrumentRefundsToOneDestination_AreCaughtOnTheSecond()
    {
        var findings = Run(new InsiderFraudDetector(Options),
        [
            Payment(0, "carl", "card-c", 300, "p1", "o1"),
            Payment(1, "dina", "card-d", 200, "p2", "o2"),
            Refund(20, "carl", "r1", "p1", "o1", 300, "mule-1", "eve.staff", "carl"),
            Refund(40, "dina", "r2", "p2", "o2", 200, "mule-1", "eve.staff", "dina"),
        ]);

        var finding = findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(InsiderFraudDetector.RepeatedDestinationRule);
        finding.EvidenceEventIds.Count.ShouldBe(2);
    }

    [Fact]
    public void Insider_RequestedAndApprovedBySamePerson_IsFlagged_ButACustomersOwnRequestIsNot()
    {
        var findings = Run(new InsiderFraudDetector(Options),
        [
            Payment(0, "carl", "card-c", 30, "p1", "o1"),
            Refund(20, "carl", "r1", "p1", "o1", 30, "card-c", "eve.staff", "eve.staff"),
            Refund(30, "carl", "r2", "p1", "o1", 1, "card-c", "carl", "carl"),
        ]);

        findings.ShouldHaveSingleItem().RuleId.ShouldBe(InsiderFraudDetector.SelfApprovalRule);
    }

    [Fact]
    public void Detectors_RefundWithMissingOrMalformedFields_AreQuietNotCrashing()
    {
        var bare = new SecurityEvent { Id = "x", Timestamp = Start, Action = EventActions.Refund, Extra = new() { ["refund"] = "not an object" } };

        Run(new RefundAbuseDetector(Options), [bare]).ShouldBeEmpty();
        Run(new InsiderFraudDetector(Options), [bare]).ShouldBeEmpty();
    }
}
