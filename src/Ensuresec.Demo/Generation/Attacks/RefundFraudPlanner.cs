using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>
/// An insider in the back office: the staff member buys something with a card of their own, then approves
/// refunds of two to four real customers' recent payments to that card, a few hours apart (fast) or over days
/// (slow); about half of the refunds they also requested themselves.
/// </summary>
internal static class RefundFraudPlanner
{
    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        bool slow = ctx.DrawSlow();
        int victims = rng.Next(2, 5);
        var spread = slow ? TimeSpan.FromDays(rng.Next(2, 5)) : TimeSpan.FromHours(rng.Next(2, 7));
        var lead = TimeSpan.FromHours(2);
        string[] ips = ctx.NewAddresses(1 + victims, hostingShare: 0);
        string staff = "staff." + rng.Pick(Catalog.LastNames).ToLowerInvariant() + rng.Next(10, 100).ToString(CultureInfo.InvariantCulture);
        string staffCard = rng.Hex(16);
        string agent = rng.Pick(Catalog.BrowserAgents);
        long start = ctx.PickStart(lead + spread + TimeSpan.FromMinutes(30));

        var steps = new List<AttackStep>
        {
            new(start, StepKind.Payment, ips[0], agent, User: staff, Card: staffCard, Amount: Math.Round(15 + ((decimal)rng.NextDouble() * 40), 2), Success: true,
                Fields: [new("payment.id", $"{id}-own"), new("order.id", $"{id}-own-order")]),
        };
        var customers = new List<string>();
        for (int v = 0; v < victims; v++)
        {
            int c = rng.Next(ctx.Book.Count);
            string customer = ctx.Book.Names[c];
            customers.Add(customer);
            decimal amount = Math.Round(60 + ((decimal)rng.NextDouble() * 400), 2);
            long paid = start + ((v + 1) * 10 * TimeSpan.TicksPerMinute);
            steps.Add(new AttackStep(paid, StepKind.Payment, ips[1 + v], ctx.Book.Agents[c], User: customer, Card: ctx.Book.Cards[c][0], Amount: amount, Success: true,
                Fields: [new("payment.id", $"{id}-pay{v}"), new("order.id", $"{id}-ord{v}")]));
            long refunded = start + lead.Ticks + (long)(spread.Ticks * (double)v / victims);
            steps.Add(new AttackStep(refunded, StepKind.Refund, ips[0], agent, User: customer, Fields:
            [
                new("refund.id", $"{id}-ref{v}"), new("refund.amount", amount.ToString(CultureInfo.InvariantCulture)), new("refund.currency", EventFactory.Currency),
                new("refund.payment_id", $"{id}-pay{v}"), new("refund.destination", staffCard), new("refund.approver", staff),
                new("refund.requester", rng.Chance(0.5) ? staff : customer), new("order.id", $"{id}-ord{v}"),
            ]));
        }

        return new AttackPlan([.. steps], (events, first, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.RefundFraud,
            Slow = slow,
            Start = first,
            End = end,
            Addresses = [ips[0]],
            Accounts = [staff],
            Cards = [staffCard],
            // The orders refunded: the workflow monitor's findings (ES-WF-001 four eyes) name the order and the customer, not the staff.
            Assets = [.. Enumerable.Range(0, victims).Select(v => new Ensuresec.Core.Findings.Entity("order.id", $"{id}-ord{v}"))],
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("refunds", victims.ToString(CultureInfo.InvariantCulture)),
                new("spread", DurationRange.Format(spread)),
                new("customers", string.Join(" ", customers)),
            ],
        });
    }
}
