using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>
/// Credential stuffing: a leaked list, each account tried once (a tenth twice), from a botnet whose bots
/// rotate browser agents. Only the listed accounts that exist can succeed, and only a few do.
/// </summary>
internal static class StuffingPlanner
{
    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        var o = ctx.Options.Stuffing;
        bool slow = ctx.DrawSlow();
        var (count, rate, duration) = ctx.DrawPace(o.Pace, slow);
        string[] ips = ctx.NewAddresses(count, hostingShare: 0.25);
        long[] times = ctx.Times(ctx.PickStart(duration), rate, duration);
        int n = times.Length;

        double share = rng.Draw(o.ExistingAccountShare);
        int distinct = Math.Max(1, (int)Math.Ceiling(n * 0.9));
        int successes = rng.Draw(o.Successes);
        int existing = Math.Min(ctx.Book.Count, Math.Max(successes, (int)Math.Round(distinct * share)));
        existing = Math.Min(existing, distinct);
        successes = Math.Min(successes, existing);

        var leaked = new List<string>(distinct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (leaked.Count < existing)
        {
            string name = ctx.Book.Names[rng.Next(ctx.Book.Count)];
            if (seen.Add(name)) leaked.Add(name);
        }

        while (leaked.Count < distinct)
        {
            string name = ctx.Book.Fabricate(rng);
            if (seen.Add(name)) leaked.Add(name);
        }

        // The first `successes` accounts of the list still have the leaked password.
        var winners = new HashSet<string>(leaked.Take(successes), StringComparer.Ordinal);
        rng.Shuffle(leaked);
        var steps = new AttackStep[n];
        for (int i = 0; i < n; i++)
        {
            string account = i < distinct ? leaked[i] : rng.Pick(leaked);
            bool win = winners.Remove(account);
            bool exists = ctx.Book.Exists(account);
            string ip = rng.Pick(ips);
            steps[i] = new AttackStep(times[i], StepKind.Login, ip, rng.Pick(Catalog.BrowserAgents), User: account, Success: win,
                Detail: win ? null : exists ? "bad password" : "unknown user");
            if (win) ctx.StuffingSuccesses.Add((account, times[i], ip));
        }

        return new AttackPlan(steps, (events, start, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.CredentialStuffing,
            Slow = slow,
            Start = start,
            End = end,
            Addresses = ips,
            Accounts = leaked,
            Cards = [],
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("addresses", count.ToString(CultureInfo.InvariantCulture)),
                new("rate/s", PlanContext.Format(rate)),
                new("duration", DurationRange.Format(duration)),
                new("attempts", n.ToString(CultureInfo.InvariantCulture)),
                new("accounts", distinct.ToString(CultureInfo.InvariantCulture)),
                new("existing", existing.ToString(CultureInfo.InvariantCulture)),
                new("successes", successes.ToString(CultureInfo.InvariantCulture)),
            ],
        });
    }
}
