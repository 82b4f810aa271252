using Ensuresec.Assessment.Graph;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Assessment.Tests.Graph;

public sealed class HittingSetTests
{
    [Fact]
    public void Exact_KnownInstance_FindsTheMinimum()
    {
        // Sets {0,1}, {1,2}, {2,3}; costs 1, 3, 3, 1: item 0 and 3 miss {1,2}; the minimum is {0, 2} or {1, 3} at 4.
        var sets = new List<int[]> { new[] { 0, 1 }, new[] { 1, 2 }, new[] { 2, 3 } };
        var chosen = HittingSet.Exact(sets, [1, 3, 3, 1], 1_000_000)!;
        chosen.Sum(i => new double[] { 1, 3, 3, 1 }[i]).ShouldBe(4);
        sets.ShouldAllBe(s => s.Any(chosen.Contains));
    }

    [Fact]
    public void Exact_NodeLimit_GivesUpInsteadOfHanging()
    {
        var r = new Random(5);
        var sets = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, 60).Where(_ => r.Next(6) == 0).Append(r.Next(60)).Distinct().ToArray()).ToList();
        var costs = Enumerable.Range(0, 60).Select(_ => 1 + r.NextDouble()).ToArray();
        HittingSet.Exact(sets, costs, 50).ShouldBeNull();
        var greedy = HittingSet.Greedy(sets, costs);
        sets.ShouldAllBe(s => s.Any(greedy.Contains));
    }

    [Fact]
    public void Exact_OnRandomInstances_CostsTheSameAsBruteForce()
    {
        var instances = from items in Gen.Choose(1, 9)
                        from setCount in Gen.Choose(1, 8)
                        from seed in Gen.Choose(0, 100_000)
                        select (items, setCount, seed);
        Prop.ForAll(instances.ToArbitrary(), x =>
        {
            var r = new Random(x.seed);
            var costs = Enumerable.Range(0, x.items).Select(_ => (double)r.Next(1, 6)).ToArray();
            var sets = Enumerable.Range(0, x.setCount)
                .Select(_ => Enumerable.Range(0, x.items).Where(_ => r.Next(3) == 0).Append(r.Next(x.items)).Distinct().ToArray()).ToList();
            var exact = HittingSet.Exact(sets, costs, 10_000_000)!;
            double best = double.MaxValue;
            for (int mask = 0; mask < 1 << x.items; mask++)
            {
                if (sets.All(s => s.Any(i => (mask & (1 << i)) != 0))) best = Math.Min(best, Enumerable.Range(0, x.items).Where(i => (mask & (1 << i)) != 0).Sum(i => costs[i]));
            }

            return sets.All(s => s.Any(exact.Contains)) && Math.Abs(exact.Sum(i => costs[i]) - best) < 1e-9;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
