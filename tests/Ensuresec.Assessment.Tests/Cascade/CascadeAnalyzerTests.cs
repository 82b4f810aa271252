using Ensuresec.Assessment.Cascade;
using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Tests.Graph;
using Ensuresec.Assessment.Tests.Support;

namespace Ensuresec.Assessment.Tests.Cascade;

public sealed class CascadeAnalyzerTests
{
    private const string Supply = """
        name: supply
        zones: [{ name: out, trust: untrusted }, { name: in, trust: internal }]
        assets:
          - { name: planner, type: api, zone: in }
          - { name: shop, type: web-app, zone: out, crown_jewel: true, depends_on: [planner] }
          - { name: van, type: delivery-van, zone: out, depends_on: [{ asset: planner, mode: soft }, driver] }
          - { name: driver, type: courier, zone: out }
          - { name: parcel, type: parcel, zone: out, crown_jewel: true }
          - { name: report, type: file-store, zone: in, depends_on: [shop] }
          - { name: plugin, type: plugin, zone: out }
        connections:
          - { from: van, to: parcel, kind: contains }
          - { from: plugin, to: shop, kind: supplies }
          - { from: shop, to: planner }
        """;

    private static CascadeEffect Effect(CascadeResult r, string asset) => r.Effects.Single(e => e.Asset == asset);

    [Fact]
    public void Down_HardDependentsGoDownSoftOnesDegrade()
    {
        var r = CascadeAnalyzer.Down(Models.Valid(Supply), "planner");
        Effect(r, "shop").State.ShouldBe(CascadeState.Down);
        Effect(r, "report").State.ShouldBe(CascadeState.Down);
        Effect(r, "report").Via.ShouldBe(["planner", "shop", "report"]);
        Effect(r, "van").State.ShouldBe(CascadeState.Degraded);
        Effect(r, "van").Domain.ShouldBe(Domain.Physical);
        // A degraded van still carries the parcel: degradation does not pass through containment.
        r.Effects.ShouldNotContain(e => e.Asset == "parcel");
    }

    [Fact]
    public void Down_ContainerStopsWhatItHoldsAndHardDependencyOnAPersonCounts()
    {
        var r = CascadeAnalyzer.Down(Models.Valid(Supply), "driver");
        Effect(r, "van").State.ShouldBe(CascadeState.Down);
        Effect(r, "parcel").State.ShouldBe(CascadeState.Down);
        Effect(r, "parcel").Via.ShouldBe(["driver", "van", "parcel"]);
        Effect(r, "parcel").Domain.ShouldBe(Domain.Physical);
    }

    [Fact]
    public void Down_AssetNothingDependsOn_HasNoEffects()
    {
        CascadeAnalyzer.Down(Models.Valid(Supply), "report").Effects.ShouldBeEmpty();
    }

    [Fact]
    public void Compromised_SupplierCompromisesWhatItSuppliesAndTaintsItsDependents()
    {
        var model = Models.Valid(Supply);
        var r = CascadeAnalyzer.Compromised(model, "plugin", AttackGraphBuilderTests.Build(Supply));
        r.Compromised.ShouldBeTrue();
        Effect(r, "shop").State.ShouldBe(CascadeState.Compromised);
        r.Effects.ShouldContain(e => e.Asset == "report" && e.State == CascadeState.Untrusted);
        r.Effects.ShouldContain(e => e.Asset == "planner" && e.State == CascadeState.Threatened);
    }

    [Fact]
    public void Compromised_IncludesTheDownCascadeTheAttackerCouldCause()
    {
        var r = CascadeAnalyzer.Compromised(Models.Valid(Supply), "planner");
        r.Effects.ShouldContain(e => e.Asset == "shop" && e.State == CascadeState.Untrusted);
        r.Effects.ShouldContain(e => e.Asset == "shop" && e.State == CascadeState.Down && e.Reason.Contains("if the attacker stops planner", StringComparison.Ordinal));
        r.Effects.ShouldContain(e => e.Asset == "van" && e.State == CascadeState.Degraded);
    }

    [Fact]
    public void Down_DiamondDependency_ReportsDownOverDegraded()
    {
        const string yaml = """
            name: d
            zones: [{ name: z, trust: untrusted }]
            assets:
              - { name: a, type: api, zone: z, crown_jewel: true }
              - { name: b, type: api, zone: z, depends_on: [{ asset: a, mode: soft }] }
              - { name: c, type: api, zone: z, depends_on: [a] }
              - { name: d, type: api, zone: z, depends_on: [b, c] }
            """;
        var r = CascadeAnalyzer.Down(Models.Valid(yaml), "a");
        Effect(r, "b").State.ShouldBe(CascadeState.Degraded);
        Effect(r, "d").State.ShouldBe(CascadeState.Down);
    }
}
