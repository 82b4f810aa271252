using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>Card testing: small payments, each with a new card, mostly declined, as a guest or from fresh accounts.</summary>
internal static class CardTestingPlanner
{
    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        var o = ctx.Options.CardTesting;
        bool slow = ctx.DrawSlow();
        var (count, rate, duration) = ctx.DrawPace(o.Pace, slow);
        string[] ips = ctx.NewAddresses(count, hostingShare: 0.6);
        string agent = ctx.AttackerAgent();
        int accountCount = rng.Draw(o.Accounts);
        double decline = rng.Draw(o.DeclineShare);
        long[] times = ctx.Times(ctx.PickStart(duration + TimeSpan.FromMinutes(5)) + (5 * TimeSpan.TicksPerMinute), rate, duration);

        var steps = new List<AttackStep>(times.Length + accountCount);
        var accounts = new string[accountCount];
        for (int i = 0; i < accountCount; i++)
        {
            accounts[i] = ctx.Book.Fabricate(rng);
            steps.Add(new AttackStep(times[0] - ((i + 1) * 60 * TimeSpan.TicksPerSecond), StepKind.AccountCreate, ips[0], agent,
                User: accounts[i], Detail: $"{accounts[i]}@{rng.Pick(Catalog.MailDomains)}"));
        }

        var cards = new List<string>(times.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (long t in times)
        {
            string card;
            do
            {
                card = rng.Hex(16);
            }
            while (!seen.Add(card));

            cards.Add(card);
            decimal amount = Math.Round((decimal)rng.Draw(o.Amount), 2);
            string? user = accountCount == 0 ? null : rng.Pick(accounts);
            steps.Add(new AttackStep(t, StepKind.Payment, rng.Pick(ips), agent, User: user, Card: card, Amount: amount, Success: !rng.Chance(decline)));
        }

        return new AttackPlan(steps.ToArray(), (events, start, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.CardTesting,
            Slow = slow,
            Start = start,
            End = end,
            Addresses = ips,
            Accounts = accounts,
            Cards = cards,
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("addresses", count.ToString(CultureInfo.InvariantCulture)),
                new("rate/s", PlanContext.Format(rate)),
                new("duration", DurationRange.Format(duration)),
                new("attempts", times.Length.ToString(CultureInfo.InvariantCulture)),
                new("accounts", accountCount.ToString(CultureInfo.InvariantCulture)),
                new("declined", decline.ToString("P0", CultureInfo.InvariantCulture)),
            ],
        });
    }
}
