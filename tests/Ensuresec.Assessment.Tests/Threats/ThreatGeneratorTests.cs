using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Tests.Support;
using Ensuresec.Assessment.Threats;

namespace Ensuresec.Assessment.Tests.Threats;

public sealed class ThreatGeneratorTests
{
    private static IReadOnlyList<ThreatInstance> Generate(string yaml)
    {
        var model = Models.Valid(yaml);
        return ThreatGenerator.Generate(model, new ElementSet(model));
    }

    [Fact]
    public void Generate_DigitalProcess_GetsTheWholeStrideBaseline()
    {
        var shop = Generate(Models.Minimal).Where(t => t.Element.Name == "shop").ToList();
        string letters = string.Concat(shop.Where(t => t.Threat.Id.StartsWith("stride-", StringComparison.Ordinal)).Select(t => t.Threat.Stride));
        foreach (char c in "STIDE") letters.ShouldContain(c);
    }

    [Fact]
    public void Generate_WebAppHandlingCards_GetsSkimmingAndCardTestingButNotAtmThreats()
    {
        var ids = Generate(Models.Minimal).Where(t => t.Element.Name == "shop").Select(t => t.Threat.Id).ToList();
        ids.ShouldContain("web-skimming");
        ids.ShouldContain("credential-stuffing");
        ids.ShouldNotContain("atm-skimming");
        ids.ShouldNotContain("ransomware");
    }

    [Fact]
    public void Generate_SqlInjection_LandsOnTheDatabaseBehindTheApp()
    {
        var sqli = Generate(Models.Minimal).Single(t => t.Threat.Id == "sql-injection");
        sqli.Element.Name.ShouldBe("shop");
        sqli.Target.Name.ShouldBe("db");
    }

    [Fact]
    public void Generate_EncryptedFlow_HasNoEavesdroppingButAnUnencryptedOneDoes()
    {
        Generate(Models.Minimal).ShouldNotContain(t => t.Threat.Id == "stride-disclosure-flow");
        var open = Generate(Models.Minimal.Replace("encrypted: true", "encrypted: false", StringComparison.Ordinal));
        open.ShouldContain(t => t.Threat.Id == "stride-disclosure-flow" && t.Element.Flow != null);
    }

    [Fact]
    public void Generate_ControlInPlace_MarksTheThreatMitigated()
    {
        var threats = Generate(Models.Minimal.Replace("data: [card-data] }", "data: [card-data], controls: [csp-sri] }", StringComparison.Ordinal));
        var skimming = threats.Single(t => t.Threat.Id == "web-skimming");
        skimming.Mitigated.ShouldBeTrue();
        skimming.MitigatedBy.ShouldBe(["csp-sri"]);
        threats.Single(t => t.Threat.Id == "credential-stuffing").Mitigated.ShouldBeFalse();
    }

    [Fact]
    public void Generate_PhysicalAsset_GetsItsOwnThreatsNotTheDigitalBaseline()
    {
        string yaml = Models.Minimal + "\n  - { from: van, to: db, kind: physical }\n";
        yaml = yaml.Replace("  - { name: db,", "  - { name: van, type: delivery-van, zone: internet, data: [cold-chain] }\n  - { name: db,", StringComparison.Ordinal);
        var van = Generate(yaml).Where(t => t.Element.Name == "van").Select(t => t.Threat.Id).ToList();
        van.ShouldContain("cold-chain-tampering");
        van.ShouldContain("route-deviation");
        van.ShouldNotContain(id => id.StartsWith("stride-", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_KnownWeakness_AppliesWhateverTheTypeWithRaisedLikelihood()
    {
        var threats = Generate(Models.Minimal.Replace("data: [personal-data] }", "data: [personal-data], weaknesses: [{ threat: credential-stuffing, stopped_by: [access-review] }] }", StringComparison.Ordinal));
        var known = threats.Single(t => t.Threat.Id == "credential-stuffing" && t.Element.Name == "db");
        known.KnownWeakness.ShouldBeTrue();
        known.Likelihood.ShouldBe(0.8);
        known.StoppedBy.ShouldContain("access-review");
        known.StoppedBy.ShouldContain("mfa");
    }
}
