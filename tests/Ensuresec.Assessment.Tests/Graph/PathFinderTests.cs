using Ensuresec.Assessment.Graph;
using Ensuresec.Assessment.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Assessment.Tests.Graph;

public sealed class PathFinderTests
{
    [Fact]
    public void BestPaths_Retailer_FirstPathToThePaymentGatewayIsCardTesting()
    {
        var g = AttackGraphBuilderTests.Build(File.ReadAllText(Models.RepositoryPath("examples/models/retailer.yaml")));
        var best = new PathFinder(g).BestPaths(g.GoalsOf(g.Elements.Asset("payment-gateway")), 3, PathRanking.Likelihood);
        best.Count.ShouldBe(3);
        g.Edges[best[0].Edges[^1]].ThreatId.ShouldBe("card-testing");
        best[0].Likelihood.ShouldBeGreaterThanOrEqualTo(best[1].Likelihood);
        best[1].Likelihood.ShouldBeGreaterThanOrEqualTo(best[2].Likelihood);
    }

    [Fact]
    public void BestPaths_ByEffort_AreOrderedByEffort()
    {
        var g = AttackGraphBuilderTests.Build(File.ReadAllText(Models.RepositoryPath("examples/models/bank.yaml")));
        var paths = new PathFinder(g).BestPaths(g.GoalsOf(g.Elements.Asset("core-banking")), 5, PathRanking.Effort);
        paths.Count.ShouldBe(5);
        for (int i = 1; i < paths.Count; i++) paths[i].Effort.ShouldBeGreaterThanOrEqualTo(paths[i - 1].Effort - 1e-6);
    }

    [Fact]
    public void BestPaths_AreSimpleAndEndAtTheirFirstGoal()
    {
        var g = AttackGraphBuilderTests.Build(File.ReadAllText(Models.RepositoryPath("examples/models/pharmacy.yaml")));
        foreach (var jewel in g.Elements.Assets.Where(e => e.CrownJewel))
        {
            var goals = g.GoalsOf(jewel).ToHashSet();
            foreach (var p in new PathFinder(g).BestPaths([.. goals], 10, PathRanking.Likelihood))
            {
                var nodes = p.Edges.Select(ei => g.Edges[ei].To).Prepend(AttackGraph.AttackerNode).ToList();
                nodes.Distinct().Count().ShouldBe(nodes.Count);
                nodes.Skip(1).SkipLast(1).ShouldAllBe(n => !goals.Contains(n));
                goals.ShouldContain(p.Goal);
                for (int i = 1; i < p.Edges.Count; i++) g.Edges[p.Edges[i]].From.ShouldBe(g.Edges[p.Edges[i - 1]].To);
            }
        }
    }

    [Fact]
    public void BestPaths_OnRandomModels_MatchTheTopLikelihoodsOfANaiveEnumeration()
    {
        Prop.ForAll(RandomModels.Seeds, seed =>
        {
            var g = AttackGraphBuilderTests.Build(RandomModels.Yaml(seed, maxAssets: 4));
            foreach (var jewel in g.Elements.Assets.Where(e => e.CrownJewel))
            {
                var goals = g.GoalsOf(jewel).ToHashSet();
                var expected = NaivePaths.All(g, goals, new HashSet<int>(), minLikelihood: 1e-4).Select(p => p.Likelihood).OrderDescending().Take(4).ToList();
                var actual = new PathFinder(g).BestPaths([.. goals], 4, PathRanking.Likelihood).Select(p => p.Likelihood).ToList();
                // The naive list drops paths under 1e-4; compare only where it is complete.
                var comparable = actual.Where(p => p >= 1e-4).ToList();
                if (comparable.Count != expected.Count) return false;
                if (comparable.Zip(expected).Any(x => Math.Abs(x.First - x.Second) > 1e-9)) return false;
            }

            return true;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void PathsAbove_OnRandomModels_FindsExactlyTheNaivePaths()
    {
        Prop.ForAll(RandomModels.Seeds, seed =>
        {
            var g = AttackGraphBuilderTests.Build(RandomModels.Yaml(seed));
            foreach (var jewel in g.Elements.Assets.Where(e => e.CrownJewel))
            {
                var goals = g.GoalsOf(jewel);
                var (paths, truncated) = new PathFinder(g).PathsAbove(goals, 0.01, 100_000, 10_000_000);
                var naive = NaivePaths.All(g, goals.ToHashSet(), new HashSet<int>(), minLikelihood: 0.01);
                if (truncated) return false;
                var a = paths.Select(p => string.Join(',', p.Edges)).Order(StringComparer.Ordinal);
                var b = naive.Select(p => string.Join(',', p.Edges)).Order(StringComparer.Ordinal);
                if (!a.SequenceEqual(b)) return false;
            }

            return true;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void BestLikelihoods_AreAtLeastEveryPathsLikelihood()
    {
        var g = AttackGraphBuilderTests.Build(File.ReadAllText(Models.RepositoryPath("examples/models/retailer.yaml")));
        var best = new PathFinder(g).BestLikelihoods();
        foreach (var jewel in g.Elements.Assets.Where(e => e.CrownJewel))
        {
            foreach (var (edges, p) in NaivePaths.All(g, g.GoalsOf(jewel).ToHashSet(), new HashSet<int>(), 0.01))
            {
                best[g.Edges[edges[^1]].To].ShouldBeGreaterThanOrEqualTo(p - 1e-12);
            }
        }
    }
}
