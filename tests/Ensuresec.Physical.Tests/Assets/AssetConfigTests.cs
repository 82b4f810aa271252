using Ensuresec.Config;
using Ensuresec.Physical.Assets;

namespace Ensuresec.Physical.Tests.Assets;

public class AssetConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asset-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AssetsMap_IsLoadedOnce_AndRoundTripsThroughConfigShow()
    {
        string map = Path.Combine(_dir, "assets.yaml");
        File.WriteAllText(map, AssetMapLoaderTests.Valid);
        var cfg = new EnsuresecConfig();
        ConfigLoader.Bind(cfg, $"assets:\n  map: {map}\n", "ensuresec.yaml").ShouldBeEmpty();
        cfg.Validate().ShouldBeEmpty();
        cfg.Assets.Loaded()!.SiteOf("depot-1").ShouldNotBeNull();
        cfg.Assets.Loaded().ShouldBeSameAs(cfg.Assets.Loaded());
        cfg.Assets.Links().ShouldNotBeNull();

        string shown = OptionsWriter.ToYaml(cfg);
        shown.ShouldContain("assets:\n  map: ");
        var again = new EnsuresecConfig();
        ConfigLoader.Bind(again, shown, "shown.yaml").ShouldBeEmpty();
        again.Assets.Map.ShouldBe(map);
        OptionsWriter.ToYaml(again).ShouldBe(shown);
    }

    [Fact]
    public void NoMap_IsNoMap()
    {
        var cfg = new EnsuresecConfig();
        cfg.Validate().ShouldBeEmpty();
        cfg.Assets.Loaded().ShouldBeNull();
        cfg.Assets.Links().ShouldBeNull();
    }

    [Fact]
    public void ABadMap_IsAConfigErrorNamingTheMapsFileLineAndKey()
    {
        string map = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(map, "atms:\n  - {id: atm-1, branch: nowhere}\n");
        var cfg = new EnsuresecConfig();
        ConfigLoader.Bind(cfg, $"assets: {{map: {map}}}", "ensuresec.yaml").ShouldBeEmpty();
        cfg.Validate().ShouldContain(e => e.StartsWith($"assets.map: {map}:2:", StringComparison.Ordinal) && e.Contains("atms[0].branch") && e.Contains("unknown asset 'nowhere'"));
        cfg.Assets.Loaded().ShouldBeNull();

        var missing = new EnsuresecConfig();
        ConfigLoader.Bind(missing, "assets: {map: /no/such/assets.yaml}", "ensuresec.yaml").ShouldBeEmpty();
        missing.Validate().ShouldContain("assets.map: /no/such/assets.yaml: (file): not found");
    }

    [Fact]
    public void UnknownKeysUnderAssets_AreReported()
    {
        ConfigLoader.Bind(new EnsuresecConfig(), "assets: {maps: x.yaml}", "ensuresec.yaml").Single().KeyPath.ShouldBe("assets.maps");
    }

    [Fact]
    public void TheShippedExampleMap_IsValid()
    {
        string example = Path.Combine(AppContext.BaseDirectory, "../../../../../examples/assets/pharmacy-and-bank.yaml");
        var map = AssetMapLoader.LoadFile(example, out var errors);
        errors.ShouldBeEmpty();
        map!.BranchOf("atm-07")!.Id.ShouldBe("branch-mitte");
        map.VehicleOfSensor("logger-17").ShouldBe("van-01");
    }
}
