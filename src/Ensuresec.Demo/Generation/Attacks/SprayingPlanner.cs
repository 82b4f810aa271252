using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>Password spraying: one round per password over the same real accounts; accounts that fell are not tried again.</summary>
internal static class SprayingPlanner
{
    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        var o = ctx.Options.Spraying;
        bool slow = ctx.DrawSlow();
        var (count, rate, duration) = ctx.DrawPace(o.Pace, slow);
        string[] ips = ctx.NewAddresses(count, hostingShare: 0.7);
        string agent = ctx.AttackerAgent();
        int passwords = rng.Draw(o.Passwords);
        long[] times = ctx.Times(ctx.PickStart(duration), rate, duration);
        int perRound = Math.Min(ctx.Book.Count, Math.Max(1, (int)Math.Ceiling(times.Length / (double)passwords)));

        var accounts = new List<string>(perRound);
        var seen = new HashSet<int>();
        while (accounts.Count < perRound)
        {
            int c = rng.Next(ctx.Book.Count);
            if (seen.Add(c)) accounts.Add(ctx.Book.Names[c]);
        }

        int successes = Math.Min(rng.Draw(o.Successes), perRound);
        var fallen = new HashSet<string>(StringComparer.Ordinal);
        var steps = new List<AttackStep>(times.Length);
        int k = 0;
        for (int round = 0; round < passwords && k < times.Length; round++)
        {
            for (int a = 0; a < accounts.Count && k < times.Length; a++)
            {
                string account = accounts[a];
                if (fallen.Contains(account)) continue;
                bool win = round == 0 && a < successes;
                if (win) fallen.Add(account);
                steps.Add(new AttackStep(times[k++], StepKind.Login, ips[rng.Next(count)], agent, User: account, Success: win,
                    Detail: win ? null : "bad password"));
            }
        }

        return new AttackPlan(steps.ToArray(), (events, start, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.PasswordSpraying,
            Slow = slow,
            Start = start,
            End = end,
            Addresses = ips,
            Accounts = accounts,
            Cards = [],
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("addresses", count.ToString(CultureInfo.InvariantCulture)),
                new("rate/s", PlanContext.Format(rate)),
                new("duration", DurationRange.Format(duration)),
                new("attempts", steps.Count.ToString(CultureInfo.InvariantCulture)),
                new("accounts", perRound.ToString(CultureInfo.InvariantCulture)),
                new("passwords", passwords.ToString(CultureInfo.InvariantCulture)),
                new("successes", successes.ToString(CultureInfo.InvariantCulture)),
            ],
        });
    }
}
