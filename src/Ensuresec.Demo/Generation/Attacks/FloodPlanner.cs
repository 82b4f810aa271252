using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>A request flood on the search page with varied queries (to miss caches); the shop starts answering 503.</summary>
internal static class FloodPlanner
{
    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        var o = ctx.Options.Flood;
        bool slow = ctx.DrawSlow();
        var (count, rate, duration) = ctx.DrawPace(o.Pace, slow);
        string[] ips = ctx.NewAddresses(count, hostingShare: 0.6);
        string[] agents = new string[count];
        for (int i = 0; i < count; i++) agents[i] = ctx.AttackerAgent();
        long[] times = ctx.Times(ctx.PickStart(duration), rate, duration);
        double overload = Math.Min(0.4, rate / 200);
        var steps = new AttackStep[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            int a = rng.Next(count);
            string q = "q=" + rng.Pick(Catalog.SearchTerms) + (rng.Chance(0.5) ? "+" + rng.Hex(4) : "");
            steps[i] = new AttackStep(times[i], StepKind.Request, ips[a], agents[a], Path: o.TargetPath, Query: q, Status: rng.Chance(overload) ? 503 : 200);
        }

        return new AttackPlan(steps, (events, start, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.SearchFlood,
            Slow = slow,
            Start = start,
            End = end,
            Addresses = ips,
            Accounts = [],
            Cards = [],
            TargetPath = o.TargetPath,
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("addresses", count.ToString(CultureInfo.InvariantCulture)),
                new("rate/s", PlanContext.Format(rate)),
                new("duration", DurationRange.Format(duration)),
                new("requests", times.Length.ToString(CultureInfo.InvariantCulture)),
            ],
        });
    }
}
