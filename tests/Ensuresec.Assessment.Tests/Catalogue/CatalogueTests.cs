using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Model;

namespace Ensuresec.Assessment.Tests.Catalogue;

public sealed class CatalogueTests
{
    [Fact]
    public void Shipped_LoadsWithoutErrors()
    {
        var (catalogue, errors) = ThreatCatalogue.Load(ThreatCatalogue.ShippedText(), "ecommerce-catalogue.yaml");
        errors.ShouldBeEmpty(string.Join("\n", errors));
        catalogue!.Threats.Count.ShouldBeGreaterThan(30);
    }

    [Theory]
    [InlineData("web-skimming")]
    [InlineData("sql-injection")]
    [InlineData("credential-stuffing")]
    [InlineData("card-testing")]
    [InlineData("refund-fraud")]
    [InlineData("insider-abuse")]
    [InlineData("customer-phishing")]
    [InlineData("ddos")]
    [InlineData("parcel-theft")]
    [InlineData("cold-chain-tampering")]
    [InlineData("atm-skimming")]
    [InlineData("supply-chain-plugin")]
    public void Shipped_HasTheIssueThreatsWithPreconditionsEffectsAndControls(string id)
    {
        var threat = ThreatCatalogue.ECommerce.Threats.Single(t => t.Id == id);
        threat.StoppedBy.ShouldNotBeEmpty();
        (threat.AppliesToTypes.Count + threat.AppliesToKinds.Count).ShouldBeGreaterThan(0);
        threat.Likelihood.ShouldBeInRange(0.01, 1);
        threat.Description.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Shipped_CoversEveryStrideLetterForProcessesAndTheFlowAndStoreBaseline()
    {
        var byKind = ThreatCatalogue.ECommerce.Threats.Where(t => t.AppliesToKinds.Count > 0).ToList();
        string Letters(ElementKind kind) => string.Concat(byKind.Where(t => t.AppliesToKinds.Contains(kind)).Select(t => t.Stride)).ToUpperInvariant();
        foreach (char c in "STIDE") Letters(ElementKind.Process).ShouldContain(c);
        foreach (char c in "TID") Letters(ElementKind.DataStore).ShouldContain(c);
        foreach (char c in "TI") Letters(ElementKind.DataFlow).ShouldContain(c);
        foreach (char c in "SR") Letters(ElementKind.ExternalEntity).ShouldContain(c);
    }

    [Fact]
    public void Load_BadCatalogue_NamesFileLineAndKey()
    {
        const string yaml = """
            controls:
              - { id: a, cost: -1 }
            threats:
              - { id: t, applies_to: [spaceship], effect: teleport, stopped_by: [zz] }
              - { id: t, applies_to: [api], effect: deny, when: [raining] }
            """;
        var (catalogue, errors) = ThreatCatalogue.Load(yaml, "mine.yaml");
        catalogue.ShouldBeNull();
        errors.ShouldAllBe(e => e.File == "mine.yaml");
        errors.ShouldContain(e => e.KeyPath == "controls[0].cost" && e.Line == 2);
        errors.ShouldContain(e => e.KeyPath == "threats[0].applies_to" && e.Reason.Contains("spaceship", StringComparison.Ordinal));
        errors.ShouldContain(e => e.KeyPath == "threats[0].effect");
        errors.ShouldContain(e => e.KeyPath == "threats[1].when" && e.Reason.Contains("raining", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DuplicateThreatAndUnknownControl_AreErrors()
    {
        const string yaml = """
            controls:
              - { id: a, cost: 1 }
            threats:
              - { id: t, applies_to: [api], effect: deny, stopped_by: [a] }
              - { id: t, applies_to: [api], effect: deny, stopped_by: [b] }
            """;
        var (_, errors) = ThreatCatalogue.Load(yaml, "c.yaml");
        errors.ShouldContain(e => e.Reason.Contains("duplicate threat id 't'", StringComparison.Ordinal) && e.Line == 5);
        errors.ShouldContain(e => e.Reason.Contains("unknown control 'b'", StringComparison.Ordinal));
    }

    [Fact]
    public void Conditions_HoldAsDocumented()
    {
        Conditions.Hold(["exposed", "data:card-data"], exposed: true, encrypted: false, ["card-data"]).ShouldBeTrue();
        Conditions.Hold(["exposed"], exposed: false, encrypted: false, []).ShouldBeFalse();
        Conditions.Hold(["internal"], exposed: false, encrypted: false, []).ShouldBeTrue();
        Conditions.Hold(["unencrypted"], exposed: false, encrypted: true, []).ShouldBeFalse();
        Conditions.Hold(["no-data:card-data"], exposed: false, encrypted: false, ["card-data"]).ShouldBeFalse();
        Conditions.IsKnown("data:").ShouldBeFalse();
    }
}
