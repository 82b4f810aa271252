using System.Text;
using Ensuresec.Core.Findings;
using Ensuresec.Physical.Assets;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Tests.Assets;

public class AssetMapLoaderTests
{
    internal const string Valid = """
        version: 1
        sites:
          - {id: depot-1, kind: depot, position: {lat: 48.0, lon: 11.0}, radius-m: 300}
          - {id: dp-1, kind: delivery-point, position: "48.0,11.1"}
          - {id: branch-1, kind: branch, name: Mitte, position: {lat: 48.1, lon: 11.2}, radius-m: 50}
        vehicles:
          - {id: van-1, home: depot-1}
        atms:
          - {id: atm-1, branch: branch-1}
          - {id: atm-2, branch: branch-1}
        containers:
          - {id: shp-1, kind: shipment, in: van-1}
          - {id: box-1, in: shp-1}
          - {id: prc-1, kind: parcel, in: shp-1}
        sensors:
          - {id: temp-1, type: temperature, on: box-1}
          - {id: door-1, type: door, on: van-1}
          - {id: atm-1-tamper, type: tamper, on: atm-1}
        cards:
          - {fingerprint: card-1, account: alice}
        """;

    private static IReadOnlyList<AssetMapError> Errors(string yaml)
    {
        AssetMapLoader.Load(yaml, "assets.yaml", out var errors).ShouldBeNull();
        errors.ShouldNotBeEmpty();
        return errors;
    }

    [Fact]
    public void ValidMap_IsReadWithSitesChainsAndLookups()
    {
        var map = AssetMapLoader.Load(Valid, "assets.yaml", out var errors);
        errors.ShouldBeEmpty();
        map.ShouldNotBeNull();
        map.Sites.Count.ShouldBe(3);
        map.SiteOf("dp-1")!.RadiusMetres.ShouldBe(AssetMapLoader.DefaultRadiusMetres);
        map.SiteOf("dp-1")!.Position.ShouldBe(GeoPoint.Of(48.0, 11.1));
        map.LoadingPlaces.Select(s => s.Id).ShouldBe(["depot-1", "dp-1"]);
        map.HomeOf("van-1")!.Id.ShouldBe("depot-1");
        map.BranchOf("atm-1")!.Name.ShouldBe("Mitte");
        map.VehicleOfSensor("temp-1").ShouldBe("van-1"); // through its box and shipment
        map.AtmOfSensor("atm-1-tamper").ShouldBe("atm-1");
        map.ChainOf(new Entity(AssetKinds.Sensor, "temp-1")).Select(l => l.To.Value).ShouldBe(["box-1", "shp-1", "van-1"]);
        map.ChainOf(Entity.Card("card-1")).Single().To.ShouldBe(Entity.User("alice"));
        map.HasMembers(new Entity(AssetKinds.Site, "branch-1")).ShouldBeTrue();
        map.HasMembers(new Entity(AssetKinds.Sensor, "door-1")).ShouldBeFalse();
        map.Counts["sensors"].ShouldBe(3);
        map.LongestChain.ShouldBe(3);
    }

    [Fact]
    public void EmptyFile_IsAnEmptyMap()
    {
        AssetMapLoader.Load("", "a.yaml", out var errors)!.Sites.ShouldBeEmpty();
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{lat: 91, lon: 11}", "sites[0].position.lat", "outside -90..90")]
    [InlineData("{lat: 48, lon: -180.5}", "sites[0].position.lon", "outside -180..180")]
    [InlineData("\"48,1e400\"", "sites[0].position.lon", "expected a number")]
    [InlineData("{lat: .nan, lon: 11}", "sites[0].position.lat", "expected a number")]
    [InlineData("{lat: 48}", "sites[0].position", "needs both lat and lon")]
    [InlineData("\"48;11\"", "sites[0].position", "expected {lat")]
    public void PositionsOffTheEarth_AreErrorsNamingLineColumnAndKey(string position, string key, string reason)
    {
        var e = Errors($"sites:\n  - id: d\n    kind: depot\n    position: {position}\n").First();
        e.KeyPath.ShouldBe(key);
        e.Reason.ShouldContain(reason);
        e.Line.ShouldBe(4);
        e.Column.ShouldBeGreaterThan(1);
        e.ToString().ShouldStartWith("assets.yaml:4:");
    }

    [Fact]
    public void UnknownReferences_AndWrongKinds_AreReported()
    {
        var errors = Errors("""
            sites:
              - {id: depot-1, kind: depot, position: "48,11"}
            vehicles:
              - {id: van-1, home: nowhere}
              - {id: van-2, home: branch-x}
            atms:
              - {id: atm-1, branch: depot-1}
            sensors:
              - {id: s-1, on: ghost}
            containers:
              - {id: c-1, in: s-1}
            """);
        errors.ShouldContain(e => e.KeyPath == "vehicles[0].home" && e.Reason.Contains("unknown site 'nowhere'") && e.Line == 4);
        errors.ShouldContain(e => e.KeyPath == "vehicles[1].home" && e.Reason.Contains("unknown site"));
        errors.ShouldContain(e => e.KeyPath == "atms[0].branch" && e.Reason.Contains("is a depot, expected a branch"));
        errors.ShouldContain(e => e.KeyPath == "sensors[0].on" && e.Reason.Contains("unknown asset 'ghost'"));
        errors.ShouldContain(e => e.KeyPath == "containers[0].in" && e.Reason.Contains("is a sensor"));
    }

    [Fact]
    public void PartOfCycles_AreReportedOnce_WithTheCycle()
    {
        var errors = Errors("""
            containers:
              - {id: a, in: b}
              - {id: b, in: c}
              - {id: c, in: a}
              - {id: d, in: d}
            """);
        errors.Count(e => e.Reason.StartsWith("part-of cycle", StringComparison.Ordinal)).ShouldBe(2);
        errors.ShouldContain(e => e.Reason.Contains("a -> b -> c -> a") || e.Reason.Contains("b -> c -> a -> b") || e.Reason.Contains("c -> a -> b -> c"));
        errors.ShouldContain(e => e.Reason == "part-of cycle: d -> d" && e.KeyPath == "containers[3].in");

        // A long cycle is named by its first ten members and its length, not by a line of every id.
        string ring = "containers:\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"  - {{id: r{i}, in: r{(i + 1) % 30}}}\n"));
        Errors(ring).Single().Reason.ShouldBe("part-of cycle: r0 -> r1 -> r2 -> r3 -> r4 -> r5 -> r6 -> r7 -> r8 -> r9 -> ... (30 in all) -> r0");
    }

    [Fact]
    public void ChainsDeeperThanTheLimit_AreReported()
    {
        var sb = new StringBuilder("sites: []\nvehicles: [{id: v}]\ncontainers:\n  - {id: c0, in: v}\n");
        for (int i = 1; i <= AssetMap.MaxChain + 1; i++) sb.Append("  - {id: c").Append(i).Append(", in: c").Append(i - 1).Append("}\n");
        Errors(sb.ToString()).Count(e => e.Reason.Contains("levels deep")).ShouldBe(1);
    }

    [Fact]
    public void ManyCyclesAndALongChain_AreEachReportedOnce()
    {
        // Linear work: 20,000 self-cycles and a 20,000-long chain (quadratic checks would take minutes here).
        var sb = new StringBuilder("vehicles: [{id: v}]\ncontainers:\n");
        for (int i = 0; i < 20_000; i++) sb.Append("  - {id: s").Append(i).Append(", in: s").Append(i).Append("}\n");
        sb.Append("  - {id: c0, in: v}\n");
        for (int i = 1; i < 20_000; i++) sb.Append("  - {id: c").Append(i).Append(", in: c").Append(i - 1).Append("}\n");
        var errors = Errors(sb.ToString());
        errors.Count(e => e.Reason.StartsWith("part-of cycle", StringComparison.Ordinal)).ShouldBe(20_000);
        errors.Count(e => e.Reason.Contains("levels deep")).ShouldBe(1);
    }

    [Fact]
    public void AnchorsAndAliases_AreRefused()
    {
        Errors("sites:\n  - &d {id: a, kind: depot, position: \"1,1\"}\n  - *d\n").Single().Reason.ShouldContain("anchors");
        Errors("x: &a 1\n").Single().Reason.ShouldContain("anchors");
    }

    [Fact]
    public void DeepNesting_IsRefusedBeforeTheTreeIsBuilt()
    {
        var e = Errors("sites: " + new string('[', 10_000) + new string(']', 10_000)).Single();
        e.Reason.ShouldContain("nested deeper than");
        e.KeyPath.ShouldBe("(syntax)");
    }

    [Fact]
    public void OversizedText_AndTooManyEntries_AreRefused()
    {
        Errors(new string('#', (int)AssetMapLoader.MaxBytes + 1)).Single().Reason.ShouldContain("larger than");
        var sb = new StringBuilder("cards:\n");
        for (int i = 0; i <= AssetMapLoader.MaxEntries; i++) sb.Append("- {fingerprint: c").Append(i).Append(", account: u}\n");
        Errors(sb.ToString()).Single().Reason.ShouldContain("more than");
    }

    [Fact]
    public void OversizedFile_MissingFile_AndBadUtf8_AreErrorsNamingTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("assets-").FullName;
        try
        {
            string big = Path.Combine(dir, "big.yaml");
            using (var f = File.Create(big)) f.SetLength(AssetMapLoader.MaxBytes + 1);
            AssetMapLoader.LoadFile(big, out var errors).ShouldBeNull();
            errors.Single().ToString().ShouldBe($"{big}: (file): larger than {AssetMapLoader.MaxBytes} bytes");
            AssetMapLoader.LoadFile(Path.Combine(dir, "none.yaml"), out errors).ShouldBeNull();
            errors.Single().Reason.ShouldBe("not found");
            string bad = Path.Combine(dir, "bad.yaml");
            File.WriteAllBytes(bad, [0x73, 0x69, 0x74, 0x65, 0x73, 0x3a, 0x20, 0xff, 0xfe]);
            AssetMapLoader.LoadFile(bad, out errors).ShouldBeNull();
            errors.Single().Reason.ShouldBe("not valid UTF-8");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("sites: {id: a}", "sites", "expected a list")]
    [InlineData("colour: red", "colour", "unknown key")]
    [InlineData("version: 2", "version", "only version 1")]
    [InlineData("[1, 2]", "(root)", "expected a mapping")]
    [InlineData("sites:\n  - {id: a, kind: depot, position: \"1,1\", id: b}", "(syntax)", "Duplicate key")]
    [InlineData("vehicles:\n  - {id: \"a\\u0001b\"}", "vehicles[0].id", "expected an id")]
    [InlineData("vehicles:\n  - {id: v}\n  - {id: v}", "vehicles[1].id", "already used")]
    [InlineData("cards:\n  - {fingerprint: c}", "cards[0].account", "required")]
    [InlineData("sites:\n  - {id: d, kind: depot, position: \"1,1\", radius-m: 0}", "sites[0].radius-m", "outside 1..100000")]
    [InlineData("sites: [\n  {id: d", "(syntax)", "")]
    public void BadEntries_AreErrorsNamingTheKey(string yaml, string key, string reason)
    {
        var errors = Errors(yaml);
        errors.ShouldContain(e => e.KeyPath == key && e.Reason.Contains(reason), string.Join("\n", errors));
    }

    [Fact]
    public void HostileText_NeverThrows()
    {
        var rng = new Random(5);
        string[] pieces = ["sites:", "\n  - ", "{id: ", "kind: depot", "position: ", "\"1,1\"", "[", "]", "{", "}", ":", "&a", "*a", "!!binary", "'", "\"", "\t", "\u0000", "\uffff", "- ", "in: ", "on: "];
        for (int i = 0; i < 2_000; i++)
        {
            string text = string.Concat(Enumerable.Range(0, rng.Next(1, 30)).Select(_ => pieces[rng.Next(pieces.Length)]));
            var map = AssetMapLoader.Load(text, "fuzz.yaml", out var errors);
            (map is null).ShouldBe(errors.Count > 0, text);
        }
    }
}
