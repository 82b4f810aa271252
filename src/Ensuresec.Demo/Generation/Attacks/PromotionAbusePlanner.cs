using System.Globalization;
using Ensuresec.Demo.Generation.Promotions;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>
/// Promotion abuse by one person. Fast: 4-7 new accounts within 1-4 h on one device, each through another proxy
/// address, shipping to one address typed differently; half the time they redeem the first-order code, half the
/// time the referral code of the abuser's own customer account (who logs in on the same device first); with
/// probability 0.4 the abuser first guesses 25-60 codes from one address. Slow (subtle): 3 new accounts over 2-4
/// days, each with its own device and address, paying with one card and shipping to one address typed differently.
/// </summary>
internal static class PromotionAbusePlanner
{
    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        bool slow = ctx.DrawSlow();
        int accounts = slow ? 3 : rng.Next(4, 8);
        var duration = slow ? TimeSpan.FromHours(rng.Next(48, 97)) : TimeSpan.FromMinutes(rng.Next(60, 241));
        bool guessing = !slow && rng.Chance(0.4);
        bool referral = !slow && rng.Chance(0.5);
        var ips = ctx.NewAddresses(accounts, hostingShare: 0.3);
        string agent = rng.Pick(Catalog.BrowserAgents), device = rng.Hex(16), sharedCard = rng.Hex(16);
        int number = rng.Next(1, 300), unit = rng.Next(1, 40);
        string street = rng.Pick(PromoPeople.Streets);
        long start = ctx.PickStart(duration + TimeSpan.FromHours(1));
        var steps = new List<AttackStep>();
        var names = new List<string>();
        var cards = new List<string>();
        string? main = null;
        long t = start;
        if (guessing)
        {
            int guesses = rng.Next(25, 61);
            long span = rng.Next(10, 31) * TimeSpan.TicksPerMinute;
            for (int g = 0; g < guesses; g++)
            {
                steps.Add(new AttackStep(t + (span * g / guesses), StepKind.PromotionRedeem, ips[0], agent, Success: false,
                    Fields: [new("promotion.code", "SAVE" + rng.Next(10, 100).ToString(CultureInfo.InvariantCulture) + rng.Hex(4).ToUpperInvariant())]));
            }

            t += span + TimeSpan.TicksPerMinute;
        }

        if (referral)
        {
            main = ctx.Book.Names[rng.Next(ctx.Book.Count)];
            steps.Add(new AttackStep(t, StepKind.Login, ips[0], agent, User: main, Success: true, Fields: [new("device.id", device)]));
            t += 2 * TimeSpan.TicksPerMinute;
        }

        for (int i = 0; i < accounts; i++)
        {
            long at = t + (duration.Ticks * i / accounts);
            string account = PromoPeople.Account(rng, 9_000_000 + i);
            string card = slow ? sharedCard : rng.Hex(16);
            string accountDevice = slow ? rng.Hex(16) : device;
            names.Add(account);
            if (!cards.Contains(card)) cards.Add(card);
            steps.Add(new AttackStep(at, StepKind.AccountCreate, ips[i], agent, User: account, Detail: PromoPeople.Email(rng, account),
                Fields: [new("device.id", accountDevice)]));
            steps.Add(new AttackStep(at + (rng.Next(2, 10) * TimeSpan.TicksPerMinute), StepKind.PromotionRedeem, ips[i], agent, User: account, Card: card, Success: true,
                Fields:
                [
                    new("promotion.code", referral ? "REF-" + main!.ToUpperInvariant() : "WELCOME10"),
                    new("promotion.type", referral ? "referral" : "first-order"),
                    new("order.shipping_address", PromoPeople.Variant(rng, number, street, unit)),
                    new("device.id", accountDevice),
                    .. referral ? [new KeyValuePair<string, string>("promotion.referrer", main!)] : Array.Empty<KeyValuePair<string, string>>(),
                ]));
        }

        return new AttackPlan([.. steps], (events, first, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.PromotionAbuse,
            Slow = slow,
            Start = first,
            End = end,
            Addresses = ips,
            Accounts = main is null ? names : [main, .. names],
            Cards = cards,
            ExpectedRules = "ES-PRM-",
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("accounts", accounts.ToString(CultureInfo.InvariantCulture)),
                new("duration", DurationRange.Format(duration)),
                new("code", referral ? "referral of " + main : "first-order"),
                new("guessing", guessing ? "yes" : "no"),
            ],
        });
    }
}
