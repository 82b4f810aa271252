using Ensuresec.Config;
using Ensuresec.Detection;

namespace Ensuresec.Physical.Tests.Config;

public class PhysicalConfigTests
{
    [Fact]
    public void Yaml_SetsPhysicalDetectorsAndTheAssetGap()
    {
        var cfg = new EnsuresecConfig();
        ConfigLoader.Bind(cfg, """
            detectors:
              cold-chain:
                max-celsius: 25
                max-excursion: 2h
              atm-skimming:
                enabled: false
            incidents:
              asset-gap: 12h
            """, "test.yaml").ShouldBeEmpty();
        cfg.Detectors.ColdChain.MaxCelsius.ShouldBe(25);
        cfg.Detectors.ColdChain.MaxExcursion.ShouldBe(TimeSpan.FromHours(2));
        cfg.Incidents.AssetGap.ShouldBe(TimeSpan.FromHours(12));
        DetectorCatalog.Create(cfg.Detection).Select(f => f().Name).ShouldNotContain(PhysicalDetectors.AtmSkimming);
        DetectorCatalog.Create(cfg.Detection).Select(f => f().Name).ShouldContain(PhysicalDetectors.ColdChain);
    }

    [Fact]
    public void InvalidPhysicalSettings_AreReportedWithTheirFullKey()
    {
        var cfg = new EnsuresecConfig();
        ConfigLoader.Bind(cfg, """
            detectors:
              cold-chain:
                min-celsius: 9
              route-monitor:
                corridor-metres: 0
            """, "test.yaml").ShouldBeEmpty();
        var keys = DetectorCatalog.Validate(cfg.Detection).Select(e => e.Key).ToList();
        keys.ShouldContain("detectors.cold-chain.min-celsius");
        keys.ShouldContain("detectors.route-monitor.corridor-metres");
        Should.Throw<ArgumentException>(() => DetectorCatalog.Create(cfg.Detection));
    }

    [Fact]
    public void Catalog_BuildsAndNamesEveryPhysicalDetector()
    {
        var built = DetectorCatalog.Create(new DetectionOptions()).Select(f => f().Name).ToList();
        foreach (string name in PhysicalDetectors.Names)
        {
            built.ShouldContain(name);
            DetectorCatalog.Names.ShouldContain(name);
        }

        DetectorCatalog.Names.Distinct().Count().ShouldBe(DetectorCatalog.Names.Count);
    }
}
