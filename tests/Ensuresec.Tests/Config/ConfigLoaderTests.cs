using Ensuresec.Config;

namespace Ensuresec.Tests.Config;

public class ConfigLoaderTests
{
    public enum Mode { Monitor, Block }

    public sealed class Inner
    {
        public bool Enabled { get; init; } = true;
        public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
        public int Threshold { get; init; } = 10;
        public IReadOnlyList<string> Paths { get; init; } = ["/login"];
    }

    public sealed class Root
    {
        public string Data { get; init; } = "./data";
        public double Ratio { get; init; } = 0.5;
        public Mode Mode { get; init; } = Mode.Monitor;
        public Inner RequestFlood { get; init; } = new();
    }

    [Fact]
    public void Bind_EmptyFile_KeepsDefaults()
    {
        var root = new Root();
        ConfigLoader.Bind(root, "", "e.yaml").ShouldBeEmpty();
        root.RequestFlood.Threshold.ShouldBe(10);
    }

    [Fact]
    public void Bind_KebabSnakeAndPascalKeys_AllBind()
    {
        var root = new Root();
        var errors = ConfigLoader.Bind(root, "data: /srv\nratio: 0.25\nmode: block\nrequest-flood:\n  enabled: false\n  window: 5m\n  threshold: 99\n  paths: [/a, /b]\n", "c.yaml");
        errors.ShouldBeEmpty();
        root.Data.ShouldBe("/srv");
        root.Ratio.ShouldBe(0.25);
        root.Mode.ShouldBe(Mode.Block);
        root.RequestFlood.Enabled.ShouldBeFalse();
        root.RequestFlood.Window.ShouldBe(TimeSpan.FromMinutes(5));
        root.RequestFlood.Threshold.ShouldBe(99);
        root.RequestFlood.Paths.ShouldBe(["/a", "/b"]);
        ConfigLoader.Bind(new Root(), "request_flood:\n  threshold: 1\n", "c.yaml").ShouldBeEmpty();
    }

    [Fact]
    public void Bind_UnknownKeyAndBadValues_EachErrorNamesKeyAndLine()
    {
        var errors = ConfigLoader.Bind(new Root(), "ratio: lots\nrequest-flood:\n  windw: 5m\n  threshold: 99999999999999999999\n  window: forever\nmode: 3\n", "c.yaml");
        errors.Select(e => e.KeyPath).ShouldBe(["ratio", "request-flood.windw", "request-flood.threshold", "request-flood.window", "mode"]);
        errors[1].Line.ShouldBe(3);
        errors[1].ToString().ShouldStartWith("c.yaml:3: request-flood.windw: unknown key");
        errors[3].Reason.ShouldContain("duration");
    }

    [Fact]
    public void Bind_SyntaxErrorOrNotAMapping_IsOneClearError()
    {
        ConfigLoader.Bind(new Root(), "a: [1, 2\n", "c.yaml").ShouldHaveSingleItem().KeyPath.ShouldBe("(syntax)");
        ConfigLoader.Bind(new Root(), "- 1\n- 2\n", "c.yaml").ShouldHaveSingleItem().KeyPath.ShouldBe("(root)");
        ConfigLoader.Bind(new Root(), "request-flood: 5\n", "c.yaml").ShouldHaveSingleItem().Reason.ShouldContain("mapping");
    }

    [Fact]
    public void Bind_DeeplyNestedOrHugeInput_IsRejectedNotCrashed()
    {
        string deep = string.Concat(Enumerable.Repeat("[", 10_000));
        ConfigLoader.Bind(new Root(), "a: " + deep, "c.yaml").ShouldNotBeEmpty();
        ConfigLoader.Bind(new Root(), new string('#', (int)ConfigLoader.MaxBytes + 1), "c.yaml").ShouldHaveSingleItem().Reason.ShouldContain("larger");
    }

    [Fact]
    public void Bind_NestingAnchorsOrASecondDocument_AreRefusedWithTheirLine_BeforeAnyTreeIsBuilt()
    {
        // Well-formed but 100,000 levels deep: the node model would recurse that deep if it were built.
        string deep = "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var nested = ConfigLoader.Bind(new Root(), deep, "c.yaml").ShouldHaveSingleItem();
        nested.Reason.ShouldBe($"nested deeper than {ConfigLoader.MaxDepth} levels");
        nested.Line.ShouldBe(1);

        var alias = ConfigLoader.Bind(new Root(), "request-flood:\n  threshold: 5\nother: &x 1\n", "c.yaml").ShouldHaveSingleItem();
        alias.Reason.ShouldContain("anchors (&name) and aliases (*name) are not allowed in a configuration file");
        alias.Line.ShouldBe(3);

        ConfigLoader.Bind(new Root(), "request-flood: {threshold: 5}\n---\nrequest-flood: {threshold: 6}\n", "c.yaml")
            .ShouldHaveSingleItem().Reason.ShouldBe("a configuration file is one YAML document");
    }

    [Fact]
    public void BindFile_MissingOrInvalidUtf8_NamesTheFile()
    {
        ConfigLoader.BindFile(new Root(), "/no/such/ensuresec.yaml").ShouldHaveSingleItem().ToString().ShouldContain("/no/such/ensuresec.yaml");
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]);
            ConfigLoader.BindFile(new Root(), path).ShouldHaveSingleItem().Reason.ShouldContain("UTF-8");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("5m", 300_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("7d", 604_800_000)]
    [InlineData("00:01:00", 60_000)]
    public void Durations_TryParse_AcceptsCommonForms(string text, double ms)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue();
        value.TotalMilliseconds.ShouldBe(ms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    [InlineData("99999999999d")]
    [InlineData("NaNs")]
    public void Durations_TryParse_RejectsNonsense(string text) => Durations.TryParse(text, out _).ShouldBeFalse();
}

public class EnsuresecConfigTests
{
    [Fact]
    public void Defaults_AreValid() => new Ensuresec.Config.EnsuresecConfig().Validate().ShouldBeEmpty();

    [Fact]
    public void OptionsWriter_DefaultsLoadBackUnchanged()
    {
        string yaml = Ensuresec.Config.OptionsWriter.ToYaml(new Ensuresec.Config.EnsuresecConfig());
        var loaded = new Ensuresec.Config.EnsuresecConfig();
        Ensuresec.Config.ConfigLoader.Bind(loaded, yaml, "shown.yaml").ShouldBeEmpty();
        Ensuresec.Config.OptionsWriter.ToYaml(loaded).ShouldBe(yaml);
    }

    [Fact]
    public void OptionsWriter_ChangedValuesAndHostileTextRoundTrip()
    {
        var cfg = new Ensuresec.Config.EnsuresecConfig();
        Ensuresec.Config.ConfigLoader.Bind(cfg, "data: \"/srv/a: b # 'c' \\\"d\\\" ünï\"\nincidents:\n  gap: 3h\ndetectors:\n  scanning:\n    enabled: false\n    window: 90s\n", "c.yaml").ShouldBeEmpty();
        var again = new Ensuresec.Config.EnsuresecConfig();
        Ensuresec.Config.ConfigLoader.Bind(again, Ensuresec.Config.OptionsWriter.ToYaml(cfg), "shown.yaml").ShouldBeEmpty();
        again.Data.ShouldBe("/srv/a: b # 'c' \"d\" ünï");
        again.Incidents.Gap.ShouldBe(TimeSpan.FromHours(3));
        again.Detectors.Scanning.Enabled.ShouldBeFalse();
        again.Detectors.Scanning.Window.ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void Bind_IncidentCampaignSettings_Bind()
    {
        var cfg = new Ensuresec.Config.EnsuresecConfig();
        Ensuresec.Config.ConfigLoader.Bind(cfg, "incidents:\n  campaign-gap: 20m\n  campaign-rules: [ES-AUTH-002]\n", "c.yaml").ShouldBeEmpty();
        cfg.Incidents.CampaignGap.ShouldBe(TimeSpan.FromMinutes(20));
        cfg.Incidents.CampaignRules.ShouldBe(["ES-AUTH-002"]);
    }

    [Fact]
    public void Validate_BadDetectorThreshold_NamesTheDetectorKey()
    {
        var cfg = new Ensuresec.Config.EnsuresecConfig();
        Ensuresec.Config.ConfigLoader.Bind(cfg, "detectors:\n  request-flood:\n    window: 0s\nserver:\n  max-body-bytes: 5\n", "c.yaml").ShouldBeEmpty();
        var errors = cfg.Validate();
        errors.ShouldContain(e => e.StartsWith("detectors.request-flood", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("server.max-body-bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void ExampleFile_IsValid()
    {
        var cfg = new Ensuresec.Config.EnsuresecConfig();
        Ensuresec.Config.ConfigLoader.BindFile(cfg, Path.Combine(Support.SharedData.RepositoryRoot, "ensuresec.example.yaml")).ShouldBeEmpty();
        cfg.Validate().ShouldBeEmpty();
    }
}
