using System.Globalization;
using Ensuresec.Demo.Generation.Promotions;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>
/// A burst of new accounts (fake accounts for later abuse). Fast: 20-60 accounts in 20-90 min from 1-4 hosting
/// addresses of one /24 and 1-3 devices, at a throw-away domain with machine-made local parts or at webmail with one
/// numbered stem. Slow (subtle): 6-12 accounts over 6-20 h, each from its own home address and device, all reaching
/// one Gmail mailbox by plus-addressing, or one numbered stem spread over webmail domains.
/// </summary>
internal static class AccountBurstPlanner
{
    private static readonly string[] ThrowAway = ["mailinator.com", "yopmail.com", "guerrillamail.com", "sharklasers.com", "maildrop.cc"];
    private static readonly string[] Stems = ["shopper", "deals", "buyer", "promo.user", "xmas.gift"];

    public static AttackPlan Plan(PlanContext ctx, string id)
    {
        var rng = ctx.Rng;
        bool slow = ctx.DrawSlow();
        int count = slow ? rng.Next(6, 13) : rng.Next(20, 61);
        var duration = slow ? TimeSpan.FromHours(rng.Next(6, 21)) : TimeSpan.FromMinutes(rng.Next(20, 91));
        bool pattern = rng.Chance(0.5);
        string[] ips;
        if (slow)
        {
            ips = ctx.NewAddresses(count, hostingShare: 0);
        }
        else
        {
            // Addresses of one /24: a hosting network.
            string network = ctx.NewAddresses(1, hostingShare: 1)[0];
            string prefix = network[..(network.LastIndexOf('.') + 1)];
            ips = [.. Enumerable.Range(0, rng.Next(1, 5)).Select(i => prefix + (10 + (i * 7)).ToString(CultureInfo.InvariantCulture))];
        }

        var devices = slow ? [] : Enumerable.Range(0, rng.Next(1, 4)).Select(_ => rng.Hex(16)).ToArray();
        string stem = rng.Pick(Stems), mailbox = rng.Pick(Catalog.FirstNames) + "." + rng.Pick(Catalog.LastNames), domain = rng.Pick(ThrowAway);
        int firstNumber = rng.Next(10, 500);
        long start = ctx.PickStart(duration + TimeSpan.FromMinutes(10));
        var steps = new List<AttackStep>();
        var names = new List<string>();
        string agent = ctx.AttackerAgent();
        for (int i = 0; i < count; i++)
        {
            long at = start + (duration.Ticks * i / count) + (long)(rng.NextDouble() * duration.Ticks / count);
            string account = PromoPeople.Account(rng, 8_000_000 + i);
            names.Add(account);
            string email = (slow, pattern) switch
            {
                (false, true) => $"{rng.Hex(3)}{rng.Next(10, 99)}{rng.Hex(3)}{rng.Next(10, 99)}@{domain}",
                (true, true) => $"{mailbox}+{rng.Hex(4)}@gmail.com",
                _ => $"{stem}{(firstNumber + i).ToString(CultureInfo.InvariantCulture)}@{rng.Pick(Catalog.MailDomains)}",
            };
            string ip = slow ? ips[i] : ips[i % ips.Length];
            string device = slow ? rng.Hex(16) : devices[i % devices.Length];
            steps.Add(new AttackStep(at, StepKind.AccountCreate, ip, slow ? rng.Pick(Catalog.BrowserAgents) : agent, User: account, Detail: email,
                Fields: [new("device.id", device)]));
        }

        return new AttackPlan([.. steps], (events, first, end) => new AttackTruth
        {
            Id = id,
            Kind = AttackKind.AccountBurst,
            Slow = slow,
            Start = first,
            End = end,
            Addresses = ips,
            Accounts = names,
            Cards = [],
            ExpectedRules = "ES-ACC-",
            EventCount = events,
            Parameters =
            [
                new("variant", slow ? "slow" : "fast"),
                new("accounts", count.ToString(CultureInfo.InvariantCulture)),
                new("duration", DurationRange.Format(duration)),
                new("e-mail", (slow, pattern) switch
                {
                    (false, true) => "machine-made at " + domain,
                    (true, true) => "plus-addressed " + mailbox + "@gmail.com",
                    _ => "numbered stem " + stem,
                }),
            ],
        });
    }
}
