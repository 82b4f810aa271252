using Ensuresec.Detection.Flood;

namespace Ensuresec.Tests.Detection;

public class RateWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Add_ClockGoesBackByMoreThanAWindow_StartsAfreshInsteadOfNeverClosing()
    {
        var w = new RateWindow(64);
        for (int i = 0; i < 50; i++) w.Add(T0.AddSeconds(i), Minute, "/a", "e" + i);
        // A second log of the same day read after the first: time jumps back a day.
        for (int i = 0; i < 10; i++) w.Add(T0.AddDays(-1).AddSeconds(i), Minute, "/a", "f" + i);

        w.Current.ShouldBe(10);
        w.Estimate(T0.AddDays(-1).AddSeconds(10), Minute).ShouldBe(10);
        w.Add(T0.AddDays(-1).AddMinutes(2), Minute, "/a", "g").Closed.ShouldBe(10, "the fresh window closes as time moves on");
    }

    [Fact]
    public void TopSumAndCarrying_FollowTheCounts()
    {
        var w = new RateWindow(64);
        int n = 0;
        foreach (var (key, count) in new[] { ("a", 50), ("b", 30), ("c", 15), ("d", 5) })
        {
            for (int i = 0; i < count; i++) w.Add(T0.AddMilliseconds(n++), Minute, key, "e" + n);
        }

        w.TopSum(2).ShouldBe(80);
        w.Carrying(0.6).ShouldBe((2, 80));
        w.Carrying(0.96).ShouldBe((4, 100));
    }
}
