using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>
/// Account takeover: the attacker logs into an account the stuffing broke (or, without stuffing, a phished
/// one), looks around, changes the e-mail, then the delivery address, and may order with the stored card.
/// </summary>
internal static class TakeoverPlanner
{
    private const long Second = TimeSpan.TicksPerSecond;

    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        var o = ctx.Options.Takeover;
        bool slow = ctx.DrawSlow();
        int count = rng.Draw(o.Addresses);
        string[] ips = ctx.NewAddresses(count, hostingShare: 0.5);
        string agent = rng.Pick(Catalog.BrowserAgents);
        TimeSpan loginDelay = rng.Draw(o.LoginDelay);
        TimeSpan changeDelay = rng.Draw(slow ? o.SlowChangeDelay : o.FastChangeDelay);
        TimeSpan addressDelay = rng.Draw(o.AddressChangeDelay);
        bool order = rng.Chance(o.OrderShare);
        TimeSpan span = changeDelay + addressDelay + TimeSpan.FromMinutes(10);

        string victim;
        long login;
        if (ctx.StuffingSuccesses.Count > 0)
        {
            var (account, ticks, _) = rng.Pick(ctx.StuffingSuccesses);
            victim = account;
            login = ticks + loginDelay.Ticks;
        }
        else
        {
            victim = ctx.Book.Names[rng.Next(ctx.Book.Count)];
            login = ctx.PickStart(span);
        }

        // Keep the whole takeover inside the week: first log in sooner, then wait less for the changes.
        long limit = ctx.Options.End.UtcTicks - (TimeSpan.TicksPerHour / 2);
        if (login + span.Ticks > limit) login = Math.Min(login, login - loginDelay.Ticks + (600 * Second));
        if (login + span.Ticks > limit)
        {
            changeDelay = TimeSpan.FromTicks(Math.Max(60 * Second, limit - login - addressDelay.Ticks - (600 * Second)));
            span = changeDelay + addressDelay + TimeSpan.FromMinutes(10);
            login = Math.Min(login, limit - span.Ticks);
        }

        int c = Array.IndexOf(ctx.Book.Names, victim);
        string card = ctx.Book.Cards[c][0];
        string newEmail = $"{ctx.Book.Fabricate(rng)}@{(rng.Chance(0.5) ? "proton.me" : "mail.com")}";
        string second = ips[^1];
        var steps = new List<AttackStep>
        {
            new(login, StepKind.Login, ips[0], agent, User: victim, Success: true),
            new(login + (20 * Second), StepKind.Request, ips[0], agent, Path: "/account"),
            new(login + (45 * Second), StepKind.Request, ips[0], agent, Path: "/account/orders"),
            new(login + (70 * Second), StepKind.Request, ips[0], agent, Path: "/account/addresses"),
        };
        long t = login + changeDelay.Ticks;
        if (slow) steps.Add(new AttackStep(t - (30 * Second), StepKind.Login, second, agent, User: victim, Success: true));
        steps.Add(new AttackStep(t, StepKind.EmailChange, second, agent, User: victim, Detail: newEmail));
        t += addressDelay.Ticks;
        steps.Add(new AttackStep(t, StepKind.AddressChange, second, agent, User: victim));
        decimal amount = 0;
        if (order)
        {
            amount = Math.Round((decimal)(250 + (rng.NextDouble() * 900)), 2);
            steps.Add(new AttackStep(t + (120 * Second), StepKind.Order, second, agent, User: victim, Amount: amount));
            steps.Add(new AttackStep(t + (150 * Second), StepKind.Payment, second, agent, User: victim, Card: card, Amount: amount, Success: true));
        }

        return new AttackPlan(steps.ToArray(), (events, start, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.AccountTakeover,
            Slow = slow,
            Start = start,
            End = end,
            Addresses = ips,
            Accounts = [victim],
            Cards = order ? [card] : [],
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("addresses", count.ToString(CultureInfo.InvariantCulture)),
                new("email change after", DurationRange.Format(changeDelay)),
                new("address change after", DurationRange.Format(addressDelay)),
                new("order", order ? amount.ToString("0.00", CultureInfo.InvariantCulture) + " EUR" : "no"),
            ],
        });
    }
}
