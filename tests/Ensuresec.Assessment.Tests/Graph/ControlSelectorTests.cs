using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Graph;
using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Tests.Support;
using Ensuresec.Assessment.Threats;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Assessment.Tests.Graph;

public sealed class ControlSelectorTests
{
    /// <summary>Two threats on one exposed API, each stopped by its own control or by one shared control.</summary>
    private static string Catalogue(double shared, double onlyA, double onlyB) => $$"""
        controls:
          - { id: shared, cost: {{shared}} }
          - { id: only-a, cost: {{onlyA}} }
          - { id: only-b, cost: {{onlyB}} }
        threats:
          - { id: ta, applies_to: [api], requires: reach, effect: control, likelihood: 0.9, stopped_by: [only-a, shared] }
          - { id: tb, applies_to: [api], requires: reach, effect: deny, likelihood: 0.9, stopped_by: [only-b, shared] }
          - { id: tc, applies_to: [database], requires: reach, effect: disclose, likelihood: 0.2 }
        """;

    private const string Model = """
        name: m
        zones: [{ name: out, trust: untrusted }]
        assets:
          - { name: api, type: api, zone: out, crown_jewel: true }
        """;

    private static (ControlPlan Plan, ControlSelector Selector, AttackGraph Graph) Plan(string catalogueYaml, string modelYaml, double threshold)
    {
        var (catalogue, errors) = ThreatCatalogue.Load(catalogueYaml, "c.yaml");
        errors.ShouldBeEmpty(string.Join("\n", errors));
        var result = ModelLoader.Load(modelYaml, "m.yaml", catalogue!);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        var model = result.Model!;
        var elements = new ElementSet(model);
        var g = AttackGraphBuilder.Build(model, elements, ThreatGenerator.Generate(model, elements));
        var costs = model.Controls.ToDictionary(c => c.Id, c => c.Cost);
        var selector = new ControlSelector(g, id => costs.GetValueOrDefault(id, 1), id => id);
        return (selector.Select(threshold), selector, g);
    }

    [Fact]
    public void Select_SharedControlCheaperThanTwo_ChoosesTheSharedOne()
    {
        var (plan, _, _) = Plan(Catalogue(shared: 3, onlyA: 2, onlyB: 2), Model, 0.5);
        plan.Controls.Select(c => c.Candidate.ControlId).ShouldBe(["shared"]);
        plan.TotalCost.ShouldBe(3);
        plan.Method.ShouldStartWith("exact");
        plan.PathsAboveThreshold.ShouldBe(2);
        plan.Controls[0].PathsCut.ShouldBe(2);
    }

    [Fact]
    public void Select_TwoCheapControlsBeatTheSharedOne_ChoosesBoth()
    {
        var (plan, _, _) = Plan(Catalogue(shared: 5, onlyA: 2, onlyB: 2), Model, 0.5);
        plan.Controls.Select(c => c.Candidate.ControlId).ShouldBe(["only-a", "only-b"], ignoreOrder: true);
        plan.TotalCost.ShouldBe(4);
    }

    [Fact]
    public void Select_PathsBelowTheThreshold_NeedNothing()
    {
        // Each path has likelihood 0.9 and the API impact 5: risk 4.5, under a threshold of 4.6.
        var (plan, _, _) = Plan(Catalogue(3, 2, 2), Model, 4.6);
        plan.Controls.ShouldBeEmpty();
        plan.Method.ShouldBe("none needed");
        plan.PathsAboveThreshold.ShouldBe(0);
    }

    [Fact]
    public void Select_PathWithoutAnyStoppingControl_IsReportedUncuttable()
    {
        const string model = """
            name: m
            zones: [{ name: out, trust: untrusted }]
            assets:
              - { name: db, type: database, zone: out, crown_jewel: true }
            """;
        var (plan, _, g) = Plan(Catalogue(3, 2, 2), model, 0.5);
        plan.Controls.ShouldBeEmpty();
        var path = plan.Uncuttable.ShouldHaveSingleItem();
        g.Edges[path.Edges[^1]].ThreatId.ShouldBe("tc");
    }

    [Fact]
    public void Select_OnRandomModels_LeavesNoCuttablePathAboveTheThreshold()
    {
        var thresholds = Gen.Elements(0.1, 0.3, 0.5, 1.0);
        Prop.ForAll(RandomModels.Seeds, thresholds.ToArbitrary(), (seed, threshold) =>
        {
            var model = Models.Valid(RandomModels.Yaml(seed, maxAssets: 6));
            var elements = new ElementSet(model);
            var g = AttackGraphBuilder.Build(model, elements, ThreatGenerator.Generate(model, elements));
            var costs = model.Controls.ToDictionary(c => c.Id, c => c.Cost);
            var selector = new ControlSelector(g, id => costs.GetValueOrDefault(id, 1), id => id);
            var plan = selector.Select(threshold);
            var blocked = selector.BlockedBy(plan.Candidates);
            foreach (var jewel in elements.Assets.Where(e => e.CrownJewel))
            {
                var remaining = NaivePaths.All(g, g.GoalsOf(jewel).ToHashSet(), blocked, threshold / jewel.Impact);
                // Whatever is left above the threshold must be a path that no control could cut.
                if (remaining.Any(p => p.Edges.Any(ei => g.Edges[ei].Stoppers.Count > 0))) return false;
            }

            return true;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(80));
    }
}
