using System.Text;
using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Tests.Support;

namespace Ensuresec.Assessment.Tests.Model;

public sealed class ModelLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_MinimalModel_ResolvesExposureFromTheZone()
    {
        var model = Models.Valid(Models.Minimal);
        model.Name.ShouldBe("tiny shop");
        model.Assets.Single(a => a.Name == "shop").Exposed.ShouldBeTrue();
        model.Assets.Single(a => a.Name == "db").Exposed.ShouldBeFalse();
        model.Assets.Single(a => a.Name == "db").Impact.ShouldBe(5, "crown jewels default to the highest impact");
        model.Settings.Threshold.ShouldBe(ModelLoader.DefaultThreshold);
    }

    [Fact]
    public void Load_ExplicitExposure_OverridesTheZone()
    {
        var model = Models.Valid(Models.Minimal.Replace("zone: internet, data", "zone: internet, exposed: false, data", StringComparison.Ordinal));
        model.Assets.Single(a => a.Name == "shop").Exposed.ShouldBeFalse();
    }

    [Fact]
    public void Load_ExampleModels_AllLoadWithoutErrors()
    {
        foreach (string file in Models.ExampleModels)
        {
            var result = ModelLoader.LoadFile(file, ThreatCatalogue.ECommerce);
            result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
            result.Model!.Assets.ShouldContain(a => a.CrownJewel);
        }
    }

    [Fact]
    public void Load_WeaknessWithCve_ParsesAndScoresTheVector()
    {
        var model = Models.Valid(Models.Minimal.Replace("data: [card-data] }", """
            data: [card-data], weaknesses: [{ cve: CVE-2021-44228, cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", component: "pkg:maven/log4j-core@2.14.1" }] }
            """, StringComparison.Ordinal));
        var weakness = model.Assets.Single(a => a.Name == "shop").Weaknesses.ShouldHaveSingleItem();
        weakness.Cve.ShouldBe("CVE-2021-44228");
        weakness.Cvss!.BaseScore.ShouldBe(10.0);
        weakness.Component.ShouldBe("pkg:maven/log4j-core@2.14.1");
    }

    [Fact]
    public void Load_SyntaxError_NamesLineAndColumn()
    {
        var result = Models.Load("name: x\nassets:\n  - { name: a, type: [web-app\n", "broken.yaml");
        result.Model.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe("broken.yaml");
        error.KeyPath.ShouldBe("(syntax)");
        error.Line.ShouldBeGreaterThanOrEqualTo(3);
        error.Column.ShouldBeGreaterThan(0);
        error.ToString().ShouldStartWith("broken.yaml:");
    }

    [Theory]
    [InlineData("zone: internet, data", "zone: nowhere, data", "assets[0].zone", "unknown zone 'nowhere'")]
    [InlineData("{ from: shop, to: db", "{ from: shop, to: dbx", "connections[0].to", "unknown asset 'dbx'")]
    [InlineData("type: web-app", "type: mainframe", "assets[0].type", "unknown asset type 'mainframe'")]
    [InlineData("trust: untrusted", "trust: friendly", "zones[0].trust", "expected one of")]
    [InlineData("data: [card-data] }", "data: [card-data], controls: [moat] }", "assets[0].controls", "unknown control 'moat'")]
    [InlineData("data: [card-data] }", "data: [card-data], weaknesses: [{ threat: dragons }] }", "assets[0].weaknesses[0].threat", "unknown threat 'dragons'")]
    [InlineData("data: [card-data] }", "data: [card-data], weaknesses: [{ cve: CVE-2024-0001, cvss: \"CVSS:3.1/AV:N\" }] }", "assets[0].weaknesses[0].cvss", "missing base metric")]
    [InlineData("data: [card-data] }", "data: [card-data], weaknesses: [{ cve: CVE-2024-0001 }] }", "assets[0].weaknesses[0].cvss", "needs its CVSS")]
    [InlineData("data: [card-data] }", "data: [card-data], depends_on: [ghost] }", "assets[0].depends_on[0]", "unknown asset 'ghost'")]
    [InlineData("data: [card-data] }", "data: [card-data], depends_on: [shop] }", "assets[0].depends_on[0]", "cannot depend on itself")]
    [InlineData("data: [card-data] }", "data: [card-data], colour: blue }", "assets[0].colour", "unknown key")]
    [InlineData("data: [card-data] }", "data: [card-data], impact: 9 }", "assets[0].impact", "outside 1 to 5")]
    [InlineData("data: [card-data] }", "data: [card-data], impact: 1e999 }", "assets[0].impact", "expected a number")]
    [InlineData("data: [card-data] }", "data: [card-data], exposed: maybe }", "assets[0].exposed", "expected true or false")]
    [InlineData("data: [card-data] }", "data: card-data }", "assets[0].data", "expected a list")]
    [InlineData("{ from: shop, to: db", "{ from: shop, to: shop", "connections[0]", "from an asset to itself")]
    [InlineData("encrypted: true }", "encrypted: true, kind: telepathy }", "connections[0].kind", "expected one of")]
    public void Load_BadReference_NamesTheKeyAndLine(string find, string replace, string keyPath, string reason)
    {
        string yaml = Models.Minimal.Replace(find, replace, StringComparison.Ordinal);
        yaml.ShouldNotBe(Models.Minimal);
        var result = Models.Load(yaml, "shop.yaml");
        result.Model.ShouldBeNull();
        var error = result.Errors.FirstOrDefault(e => e.KeyPath == keyPath);
        error.ShouldNotBeNull($"expected an error at {keyPath}, got: {string.Join(" | ", result.Errors)}");
        error.Reason.ShouldContain(reason);
        error.File.ShouldBe("shop.yaml");
        error.Line.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Load_DuplicateAssetName_PointsAtTheSecondAndTheFirst()
    {
        string yaml = Models.Minimal.Replace(
            "  - { name: db, type: database",
            "  - { name: shop, type: api, zone: internal }\n  - { name: db, type: database", StringComparison.Ordinal);
        var result = Models.Load(yaml);
        var error = result.Errors.ShouldHaveSingleItem();
        error.Reason.ShouldContain("duplicate asset name 'shop' (first at line 6)");
        error.Line.ShouldBe(7);
    }

    [Fact]
    public void Load_HardDependencyCycle_IsReportedWithTheCycle()
    {
        string yaml = Models.Minimal
            .Replace("data: [card-data] }", "data: [card-data], depends_on: [db] }", StringComparison.Ordinal)
            .Replace("data: [personal-data] }", "data: [personal-data], depends_on: [shop] }", StringComparison.Ordinal);
        var error = Models.Load(yaml).Errors.ShouldHaveSingleItem();
        error.Reason.ShouldContain("hard dependency (depends_on) cycle: db -> shop -> db");
    }

    [Fact]
    public void Load_SoftDependencyCycle_IsAllowed()
    {
        string yaml = Models.Minimal
            .Replace("data: [card-data] }", "data: [card-data], depends_on: [db] }", StringComparison.Ordinal)
            .Replace("data: [personal-data] }", "data: [personal-data], depends_on: [{ asset: shop, mode: soft }] }", StringComparison.Ordinal);
        Models.Valid(yaml);
    }

    [Fact]
    public void Load_ContainmentAndZoneCycles_AreErrors()
    {
        string yaml = Models.Minimal
            .Replace("{ name: internal, trust: internal }", "{ name: internal, trust: internal, inside: vault }\n  - { name: vault, trust: restricted, inside: internal }", StringComparison.Ordinal)
            + "\n  - { from: db, to: shop, kind: contains }\n  - { from: shop, to: db, kind: contains }\n";
        var reasons = Models.Load(yaml).Errors.Select(e => e.Reason).ToList();
        reasons.ShouldContain(r => r.Contains("zone containment (inside) cycle", StringComparison.Ordinal));
        reasons.ShouldContain(r => r.Contains("containment (kind: contains) cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NoCrownJewel_IsAnError()
    {
        var result = Models.Load(Models.Minimal.Replace("crown_jewel: true", "crown_jewel: false", StringComparison.Ordinal));
        result.Errors.ShouldContain(e => e.Reason.Contains("crown_jewel", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ManyMistakes_AreAllReportedInOneRun()
    {
        string yaml = Models.Minimal
            .Replace("zone: internet, data", "zone: nowhere, data", StringComparison.Ordinal)
            .Replace("type: database", "type: abacus", StringComparison.Ordinal)
            .Replace("to: db,", "to: ghost,", StringComparison.Ordinal);
        Models.Load(yaml).Errors.Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData("", "empty model")]
    [InlineData("just text", "expected a mapping")]
    [InlineData("- a\n- b\n", "expected a mapping")]
    [InlineData("name: x\n---\nname: y\n", "one YAML document")]
    [InlineData("name: &a x\nother: *a\n", "aliases")]
    [InlineData("name: x\nname: y\n", "")]
    [InlineData("name: x\nassets: []\n", "at least one asset")]
    [InlineData("name: \"a\\u0007b\"\nassets: []\n", "control characters")]
    public void Load_BadDocument_IsAClearError(string yaml, string reason)
    {
        var result = Models.Load(yaml);
        result.Model.ShouldBeNull();
        result.Errors.ShouldNotBeEmpty();
        result.Errors.ShouldContain(e => e.Reason.Contains(reason, StringComparison.Ordinal), string.Join(" | ", result.Errors));
    }

    [Fact]
    public void Load_DeepNesting_IsRejectedBeforeBuildingTheTree()
    {
        string yaml = "name: x\nassets: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var error = Models.Load(yaml).Errors.ShouldHaveSingleItem();
        error.Reason.ShouldContain("nested deeper than");
        error.Line.ShouldBe(2);
    }

    [Fact]
    public void Load_Oversized_IsRejected()
    {
        string yaml = "name: x\ndescription: " + new string('a', (int)ModelLoader.MaxBytes) + "\n";
        Models.Load(yaml).Errors.ShouldHaveSingleItem().Reason.ShouldContain("larger than");
    }

    [Fact]
    public void Load_TooManyAssets_IsAnError()
    {
        var sb = new StringBuilder("name: x\nzones: [{ name: z }]\nassets:\n");
        for (int i = 0; i <= ModelLoader.MaxAssets; i++) sb.Append("  - { name: a").Append(i).Append(", type: api, zone: z }\n");
        Models.Load(sb.ToString()).Errors.ShouldContain(e => e.Reason.Contains("more than", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFile_MissingInvalidUtf8AndTruncated_AreClearErrors()
    {
        ModelLoader.LoadFile(Path.Combine(_dir, "none.yaml"), ThreatCatalogue.ECommerce).Errors.ShouldHaveSingleItem().Reason.ShouldBe("not found");

        string latin1 = Path.Combine(_dir, "latin1.yaml");
        File.WriteAllBytes(latin1, [.. "name: caf"u8.ToArray(), 0xE9, (byte)'\n']);
        var bad = ModelLoader.LoadFile(latin1, ThreatCatalogue.ECommerce).Errors.ShouldHaveSingleItem();
        bad.Reason.ShouldBe("not valid UTF-8");
        bad.File.ShouldBe(latin1);

        string truncated = Path.Combine(_dir, "truncated.yaml");
        File.WriteAllText(truncated, Models.Minimal[..(Models.Minimal.Length / 2)]);
        var result = ModelLoader.LoadFile(truncated, ThreatCatalogue.ECommerce);
        result.Model.ShouldBeNull();
        result.Errors.ShouldNotBeEmpty();
        result.Errors.ShouldAllBe(e => e.File == truncated);
    }

    [Fact]
    public void Load_ModelThreatsAndControls_ExtendAndOverrideTheCatalogue()
    {
        string yaml = Models.Minimal + """

            controls:
              - { id: waf, name: Our WAF, cost: 9 }
              - { id: shredder, name: Shred paper, cost: 1 }
            threats:
              - { id: dumpster-diving, name: Dumpster diving, applies_to: [database], requires: reach, effect: disclose, likelihood: 0.5, stopped_by: [shredder] }
            """;
        var model = Models.Valid(yaml);
        model.Controls.Single(c => c.Id == "waf").Cost.ShouldBe(9);
        model.Threats.ShouldContain(t => t.Id == "dumpster-diving");
        model.Threats.ShouldContain(t => t.Id == "web-skimming");
    }

    [Fact]
    public void Load_ModelThreatWithUnknownControl_IsAnError()
    {
        string yaml = Models.Minimal + """

            threats:
              - { id: t, name: T, applies_to: [database], effect: disclose, stopped_by: [nothing-here] }
            """;
        Models.Load(yaml).Errors.ShouldContain(e => e.KeyPath == "threats[0].stopped_by" && e.Reason.Contains("unknown control 'nothing-here'", StringComparison.Ordinal));
    }
}
