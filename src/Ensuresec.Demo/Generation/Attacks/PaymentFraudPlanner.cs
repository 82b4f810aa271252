using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>
/// Card-not-present fraud: a fraudster opens an account, logs in and pays for goods with three to six stolen
/// cards (about 40% declined) from one device and address, billed in one country and shipped to another;
/// within the hour (fast) or spread over most of a day (slow).
/// </summary>
internal static class PaymentFraudPlanner
{
    private static readonly string[] Countries = ["DE", "FR", "NL", "GB", "ES", "US", "NG", "RO"];

    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        bool slow = ctx.DrawSlow();
        int cardCount = rng.Next(3, 7);
        var duration = slow ? TimeSpan.FromHours(rng.Next(6, 19)) : TimeSpan.FromMinutes(rng.Next(20, 61));
        string ip = ctx.NewAddresses(1, hostingShare: 0.5)[0];
        string agent = rng.Pick(Catalog.BrowserAgents);
        string account = ctx.Book.Fabricate(rng);
        string device = rng.Hex(16);
        string billing = rng.Pick(Countries);
        string shipping;
        do
        {
            shipping = rng.Pick(Countries);
        }
        while (shipping == billing);

        long start = ctx.PickStart(duration + TimeSpan.FromMinutes(10));
        var steps = new List<AttackStep>
        {
            new(start, StepKind.AccountCreate, ip, agent, User: account, Detail: $"{account}@{rng.Pick(Catalog.MailDomains)}"),
            new(start + (2 * TimeSpan.TicksPerMinute), StepKind.Login, ip, agent, User: account, Success: true),
        };
        var cards = new List<string>(cardCount);
        for (int i = 0; i < cardCount; i++)
        {
            string card = rng.Hex(16);
            cards.Add(card);
            long t = start + (5 * TimeSpan.TicksPerMinute) + (long)(duration.Ticks * (double)i / cardCount);
            decimal amount = Math.Round(150 + ((decimal)rng.NextDouble() * 750), 2);
            steps.Add(new AttackStep(t, StepKind.Payment, ip, agent, User: account, Card: card, Amount: amount, Success: !rng.Chance(0.4), Fields:
            [
                new("payment.id", $"{id}-pay{i}"), new("order.id", $"{id}-ord{i}"), new("device.id", device),
                new("payment.billing_country", billing), new("order.shipping_country", shipping),
            ]));
        }

        return new AttackPlan([.. steps], (events, first, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.PaymentFraud,
            Slow = slow,
            Start = first,
            End = end,
            Addresses = [ip],
            Accounts = [account],
            Cards = cards,
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("cards", cardCount.ToString(CultureInfo.InvariantCulture)),
                new("duration", DurationRange.Format(duration)),
                new("billing/shipping", $"{billing}/{shipping}"),
            ],
        });
    }
}
