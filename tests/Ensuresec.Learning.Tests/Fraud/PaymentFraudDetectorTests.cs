using Ensuresec.Core.Events;
using Ensuresec.Detection.Fraud;
using static Ensuresec.Learning.Tests.Fraud.Commerce;

namespace Ensuresec.Learning.Tests.Fraud;

public sealed class PaymentFraudDetectorTests
{
    private static IEnumerable<SecurityEvent> Regular(string customer, string card, string device, string ip)
    {
        // A month of ordinary purchases around 40 EUR from the customer's own device and address.
        for (int day = 0; day < 30; day += 3)
        {
            yield return Login(day * 1440, customer, ip, device);
            yield return Payment((day * 1440) + 5, customer, card, 35 + day % 10, $"{customer}-p{day}", $"{customer}-o{day}", ip: ip, device: device, billing: "DE", shipping: "DE");
        }
    }

    [Fact]
    public void Score_OrdinaryCustomer_IsNotReported()
    {
        Run(new PaymentFraudDetector(new PaymentFraudOptions()), Regular("ann", "card-a", "dev-a", "198.51.100.7")).ShouldBeEmpty();
    }

    [Fact]
    public void Score_TakenOverAccountPayingBigFromANewDeviceAbroad_IsReportedWithReasonsInWords()
    {
        var events = Regular("ann", "card-a", "dev-a", "198.51.100.7")
            .Append(Payment(30 * 1440, "ann", "card-a", 640, "ann-x", "ann-ox", ip: "203.0.113.99", device: "dev-evil", billing: "DE", shipping: "NG"));

        var finding = Run(new PaymentFraudDetector(new PaymentFraudOptions()), events).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(PaymentFraudDetector.ScoreRule);
        finding.Confidence.ShouldBeGreaterThanOrEqualTo(0.9);
        finding.Explanation.ShouldContain("scored");
        finding.Explanation.ShouldContain("the billing country differs from the address's country");
        finding.Explanation.ShouldContain("the customer has never used this device before");
    }

    [Fact]
    public void Features_AreComputedFromTheHistoryBeforeTheAttempt()
    {
        // Four declines on the card, then a fifth attempt: the fifth sees 4 declines, and a known device.
        var events = new List<SecurityEvent> { Login(0, "bob", "192.0.2.1", "dev-b") };
        for (int i = 0; i < 5; i++) events.Add(Payment(1 + i, "bob", "card-b", 2, $"p{i}", $"o{i}", success: false, ip: "192.0.2.1", device: "dev-b"));
        var detector = new PaymentFraudDetector(new PaymentFraudOptions { Threshold = 0.999999 });

        Run(detector, events).ShouldBeEmpty();
    }

    [Fact]
    public void ModelPath_WithAFeatureTheDetectorDoesNotCompute_IsAnOptionsError()
    {
        using var files = new TempFiles();
        var model = Ensuresec.Learning.Linear.LogisticModel.FromCoefficients(["card_attempts_1h", "shoe_size"], 0, [1, 1]);
        string path = files.Write("m.json", Ensuresec.Learning.Models.ModelFile.Write(model, "fraud"));

        var errors = new PaymentFraudOptions { ModelPath = path }.Validate();

        errors.ShouldHaveSingleItem().ToString()!.ShouldContain("shoe_size");
        new PaymentFraudOptions { ModelPath = files.PathOf("missing.json") }.Validate().ShouldHaveSingleItem();
    }

    [Fact]
    public void ModelPath_TrainedModelOverItsFeatures_ScoresWithIt()
    {
        using var files = new TempFiles();
        // A model that only looks at the country mismatch: 0 → 0.1%, 1 → 99.9%.
        var model = Ensuresec.Learning.Linear.LogisticModel.FromCoefficients([PaymentFeatures.CountryMismatch], -7, [14]);
        string path = files.Write("m.json", Ensuresec.Learning.Models.ModelFile.Write(model, "fraud"));

        var findings = Run(new PaymentFraudDetector(new PaymentFraudOptions { ModelPath = path }),
        [
            Payment(0, "ann", "card-a", 10, "p1", "o1", billing: "DE", shipping: "DE"),
            Payment(90, "ann", "card-a", 10, "p2", "o2", billing: "DE", shipping: "FR"),
        ]);

        findings.ShouldHaveSingleItem().EvidenceEventIds.Count.ShouldBe(1);
        findings[0].Explanation.ShouldContain("logistic");
    }
}
