using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation;

/// <summary>
/// The shop's ordinary promotions and sign-ups, planned up front from their own random stream: customers redeeming a
/// seasonal code (SPRING10), new customers redeeming the first-order code (WELCOME10), customers referring friends,
/// and two hard cases: households whose members share an address (typed differently) and a home connection and each
/// redeem SPRING10, and a marketing campaign on one day (never the first: the detectors learn shares from a day of
/// history) that brings a real spike of sign-ups through every kind of source.
/// </summary>
internal sealed class PromotionTraffic
{
    /// <summary>The seed stream of this traffic (RetailerScenario uses 1 and 2).</summary>
    public const int Stream = 3;

    private readonly Promotions.PromoAction[] _actions;

    public PromotionTraffic(ScenarioOptions options, CustomerBook book, Random rng)
    {
        var actions = new List<Promotions.PromoAction>();
        long start = options.Start.UtcTicks, span = options.End.UtcTicks - start;
        double scale = options.Scale, days = options.Days;
        int n = 0;
        long Anytime() => start + (long)(rng.NextDouble() * span);

        // Customers redeeming the seasonal code from home or from their phone.
        for (int i = rng.Poisson(25 * days * scale); i > 0; i--)
        {
            int c = rng.Next(book.Count);
            string ip = rng.Chance(0.15) ? rng.Pick(book.MobilePool) : book.HomeIps[c];
            actions.Add(new(Anytime(), false, ip, book.Agents[c], book.Names[c], null, Device(c), book.Cards[c][0], "SPRING10", "coupon", Promotions.PromoPeople.CustomerAddress(c)));
        }

        // New customers with the first-order code, outside the campaign.
        for (int i = rng.Poisson(12 * days * scale); i > 0; i--) NewCustomer(actions, rng, book, Anytime(), ++n);

        // Friends referred by customers: new accounts elsewhere, sometimes behind the same carrier NAT as the referrer.
        for (int i = rng.Poisson(3 * days * scale); i > 0; i--)
        {
            int c = rng.Next(book.Count);
            long t = Anytime();
            string account = Promotions.PromoPeople.Account(rng, ++n);
            string ip = rng.Chance(0.3) ? rng.Pick(book.MobilePool) : Addresses.Residential(rng);
            string device = rng.Hex(16), agent = rng.Pick(Catalog.BrowserAgents);
            actions.Add(new(t, true, ip, agent, account, Promotions.PromoPeople.Email(rng, account), device));
            actions.Add(new(t + (rng.Next(2, 30) * TimeSpan.TicksPerMinute), false, ip, agent, account, null, device, rng.Hex(16),
                "REF-" + book.Names[c].ToUpperInvariant(), "referral", Promotions.PromoPeople.Address(rng), book.Names[c]));
        }

        // Households: members share an address and a connection and each use the seasonal code once.
        var notes = new List<string>();
        for (int h = 0; h < 2; h++)
        {
            int members = rng.Next(2, 5), number = rng.Next(1, 300), unit = rng.Next(1, 20), first = rng.Next(book.Count);
            string street = rng.Pick(Promotions.PromoPeople.Streets), ip = book.HomeIps[first];
            var names = new List<string>();
            for (int m = 0; m < members; m++)
            {
                int c = m == 0 ? first : rng.Next(book.Count);
                names.Add(book.Names[c]);
                actions.Add(new(Anytime(), false, ip, book.Agents[c], book.Names[c], null, Device(c), book.Cards[c][0], "SPRING10", "coupon",
                    Promotions.PromoPeople.Variant(rng, number, street, unit)));
            }

            notes.Add($"household of {members} at one address and connection {ip}, each redeeming SPRING10: {string.Join(", ", names)}");
        }

        // The campaign: a real spike of sign-ups, most redeeming the first-order code.
        int day = rng.Next(1, options.Days);
        long campaignStart = start + (day * TimeSpan.TicksPerDay) + (rng.Next(9, 18) * TimeSpan.TicksPerHour);
        double hours = rng.Next(3, 9), perHour = (15 + (rng.NextDouble() * 25)) * scale;
        int signups = rng.Poisson(perHour * hours);
        for (int i = 0; i < signups; i++) NewCustomer(actions, rng, book, campaignStart + (long)(rng.NextDouble() * hours * TimeSpan.TicksPerHour), ++n);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"sign-up campaign from {new DateTimeOffset(campaignStart, TimeSpan.Zero):yyyy-MM-dd HH:mm}Z for {hours} h: {signups} new accounts (about {perHour:0}/h), 75% redeeming WELCOME10"));

        actions.Sort(static (a, b) => a.Ticks.CompareTo(b.Ticks));
        _actions = [.. actions];
        Cases = notes;
    }

    /// <summary>The hard cases in words, for the ground truth's notes.</summary>
    public IReadOnlyList<string> Cases { get; }

    /// <summary>Makes the events of the actions in [from, to).</summary>
    public void Emit(long from, long to, EventFactory f)
    {
        int i = Array.BinarySearch(_actions, new Promotions.PromoAction(from, false, "", "", "", null, ""), Comparer<Promotions.PromoAction>.Create(static (a, b) => a.Ticks.CompareTo(b.Ticks)));
        if (i < 0) i = ~i;
        while (i > 0 && _actions[i - 1].Ticks >= from) i--;
        for (; i < _actions.Length && _actions[i].Ticks < to; i++) _actions[i].Write(f);
    }

    // A customer's own device, the same every time.
    private static string Device(int customer) => "dv" + customer.ToString("x6", CultureInfo.InvariantCulture);

    // A new customer signs up (university NAT 5%, carrier NAT 12%, else home) and, three times in four, redeems WELCOME10.
    private static void NewCustomer(List<Promotions.PromoAction> actions, Random rng, CustomerBook book, long t, int n)
    {
        string account = Promotions.PromoPeople.Account(rng, n);
        double r = rng.NextDouble();
        string ip = r < 0.05 ? book.UniversityNat : r < 0.17 ? rng.Pick(book.MobilePool) : Addresses.Residential(rng);
        string device = rng.Hex(16), agent = rng.Pick(Catalog.BrowserAgents);
        actions.Add(new(t, true, ip, agent, account, Promotions.PromoPeople.Email(rng, account), device));
        if (rng.Chance(0.75))
        {
            actions.Add(new(t + (rng.Next(2, 20) * TimeSpan.TicksPerMinute), false, ip, agent, account, null, device, rng.Hex(16), "WELCOME10", "first-order",
                Promotions.PromoPeople.Address(rng)));
        }
    }
}
