using System.Globalization;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Demo.Generation;
using Ensuresec.Demo.Physical;
using Ensuresec.Demo.Scenario;
using Ensuresec.Physical.Assets;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Demo.Bank;

/// <summary>
/// The bank use case: a week of a bank's ATMs (sensors, service visits, card reads) and its customers' online card
/// payments and refunds, with a skimmer on one ATM, the card-not-present use of the cards it read, and an insider
/// refunding to cards they control. The same seed gives the same events.
/// </summary>
public static class BankScenario
{
    private const int PlanStream = 21;
    private static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static GeneratedScenario Generate(int seed, bool benignOnly = false)
    {
        var rng = new Random(Seeds.Derive(seed, PlanStream, 0));
        var log = new DemoLog("bank", seed);
        const int days = 7;
        var centre = GeoPoint.Of(48.10 + rng.NextDouble() * 0.08, 11.50 + rng.NextDouble() * 0.12);
        var atms = Enumerable.Range(0, BankRanges.Atms).Select(i => (Id: $"atm-{i + 1:00}", At: GeoMath.Offset(centre, (rng.NextDouble() - 0.5) * 16_000, (rng.NextDouble() - 0.5) * 16_000))).ToArray();
        var customers = Enumerable.Range(0, BankRanges.Customers).Select(i => new Customer(
            $"client-{i + 1:0000}", Hex(rng, 16), Ip(rng), rng.Next(BankRanges.Atms))).ToArray();
        var staff = Enumerable.Range(0, BankRanges.Staff).Select(i => $"staff-{i + 1:00}").ToArray();
        // Only captured payments, each refunded at most once: a declined payment has nothing to refund.
        var payments = new List<(DateTimeOffset At, Customer C, string PaymentId, string OrderId, decimal Amount)>();
        var services = new List<(int Atm, DateTimeOffset At)>();

        // Benign: sensors, service visits (one trips the tamper sensor while the technician works), card reads, payments, refunds.
        int serviceTamperAtm = rng.Next(BankRanges.Atms);
        foreach (var (id, at) in atms)
        {
            var aRng = new Random(Seeds.Derive(seed, PlanStream + 1, Array.FindIndex(atms, a => a.Id == id)));
            for (var t = DefaultStart; t < DefaultStart.AddDays(days); t = t.AddMinutes(15))
            {
                log.Add(t, EventActions.SensorReading, AtmSensor(id, at, SensorTypes.Vibration, Math.Round(0.02 + aRng.NextDouble() * 0.3, 3), "g"));
                if (t.Minute == 0) log.Add(t, EventActions.SensorReading, AtmSensor(id, at, SensorTypes.Tamper, "intact", null));
            }

            for (int k = 0; k < 3; k++) // a lorry passing, a kick: single strong jolts, never a burst
                log.Add(DefaultStart.AddMinutes(aRng.Next(days * 24 * 60)), EventActions.SensorReading, AtmSensor(id, at, SensorTypes.Vibration, Math.Round(1.6 + aRng.NextDouble(), 2), "g"));
            int visits = aRng.Next(1, 3);
            for (int k = 0; k < visits; k++)
            {
                var visit = DefaultStart.AddDays(aRng.Next(days)).AddHours(9 + aRng.Next(8));
                services.Add((Array.FindIndex(atms, a => a.Id == id), visit));
                log.Add(visit, PhysicalActions.AtmService, ("atm.id", id), ("observer.geo.location", TelemetryEvent.Point(at.Lat, at.Lon)));
                log.Add(visit.AddMinutes(5), EventActions.SensorReading, AtmSensor(id, at, SensorTypes.Door, "open", null));
                if (Array.FindIndex(atms, a => a.Id == id) == serviceTamperAtm && k == 0)
                    log.Add(visit.AddMinutes(12), EventActions.SensorReading, AtmSensor(id, at, SensorTypes.Tamper, "tampered", null, "card-reader"));
                log.Add(visit.AddMinutes(30 + aRng.Next(20)), EventActions.SensorReading, AtmSensor(id, at, SensorTypes.Door, "closed", null));
            }
        }

        var reads = new List<(DateTimeOffset At, int Atm, Customer C)>();
        for (int day = 0; day < days; day++)
        {
            var dRng = new Random(Seeds.Derive(seed, PlanStream + 2, day));
            for (int a = 0; a < atms.Length; a++)
            {
                int uses = dRng.Draw(BankRanges.AtmUsesPerDay);
                for (int k = 0; k < uses; k++)
                {
                    var c = dRng.Chance(0.8) ? PickNear(dRng, customers, a) : dRng.Pick(customers);
                    var at = DefaultStart.AddDays(day).AddMinutes(7 * 60 + dRng.Next(16 * 60));
                    reads.Add((at, a, c));
                }
            }

            int online = dRng.Draw(BankRanges.OnlinePaymentsPerDay);
            for (int k = 0; k < online; k++)
            {
                var c = dRng.Pick(customers);
                var at = DefaultStart.AddDays(day).AddSeconds(dRng.Next(86_400));
                var amount = Math.Round((decimal)(8 + dRng.NextDouble() * 240), 2);
                string pid = $"pay-{day}-{k:00000}", oid = $"ord-{day}-{k:00000}";
                bool captured = !dRng.Chance(0.03);
                Pay(log, at, c.Ip, c.Name, c.Card, amount, captured, pid, oid);
                if (captured) payments.Add((at, c, pid, oid, amount));
            }

            for (int k = 0, n = dRng.Draw(BankRanges.RefundsPerDay); k < n && payments.Count > 0; k++)
            {
                int pick = dRng.Next(payments.Count);
                var p = payments[pick];
                payments.RemoveAt(pick);
                Refund(log, p.At.AddHours(2 + dRng.Next(40)), p.C.Name, p.C.Card, p.PaymentId, p.OrderId, p.Amount, dRng.Pick(staff), $"rf-{day}-{k}");
            }
        }

        var truths = new List<AttackTruth>();
        if (!benignOnly) truths.AddRange(Attacks(seed, log, atms, reads, payments, services, staff));

        // Online banking logins, and a phishing campaign from a lookalike of the bank's domain (its own stream, so the rest is unchanged).
        var pRng = new Random(Seeds.Derive(seed, PlanStream + 9, 0));
        var banking = customers.Select(c => (c.Name, c.Ip)).ToList();
        BankPhishing.BenignLogins(pRng, log, banking, BankPhishing.LoginCustomers, DefaultStart, days);
        if (!benignOnly) truths.Add(BankPhishing.Campaign(pRng, log, banking, BankPhishing.LoginCustomers, DefaultStart, subtle: pRng.Chance(0.5)));
        foreach (var (at, a, c) in reads)
            log.Add(TelemetryEvent.Create(string.Empty, at, PhysicalActions.AtmTransaction, ("atm.id", atms[a].Id), ("observer.geo.location", TelemetryEvent.Point(atms[a].At.Lat, atms[a].At.Lon))) with
            { UserName = c.Name, CardFingerprint = c.Card, Outcome = EventOutcomes.Success, Dataset = "bank.atm", PaymentAmount = 20 * (1 + (c.Name.Length + at.Minute) % 10), PaymentCurrency = "EUR" });

        var events = log.InTimeOrder();
        var truth = new GroundTruth
        {
            Seed = seed,
            Start = DefaultStart,
            End = DefaultStart.AddDays(days),
            Attacks = truths.Select(t => t with { EventCount = Count(events, t) }).ToList(),
            Benign = new BenignCases
            {
                NatAddresses = [],
                CrawlerAddresses = [],
                MonitorAddresses = [],
                FlashSaleStart = DefaultStart,
                FlashSaleEnd = DefaultStart,
                FlashSaleMultiplier = 1,
                Notes =
                [
                    "service visits open every ATM's cabinet door 1-2 times; at " + atms[serviceTamperAtm].Id + " the technician trips the card-reader tamper sensor",
                    "three single strong jolts (1.6-2.6 g) per ATM over the week, never a burst",
                    "cardholders keep using their own cards online after reading them at any ATM, the skimmed one included",
                    "refunds approved by staff to the card that paid",
                ],
            },
        };
        string assetsYaml = AssetMapOf(seed, atms, customers);
        return new GeneratedScenario(truth, events) { Assets = AssetMapText.Load(assetsYaml, "bank-assets.yaml"), AssetMapYaml = assetsYaml };
    }

    /// <summary>
    /// The bank's asset map: a branch per pair of ATMs (the first in its lobby, the second a remote ATM it runs), each
    /// ATM's sensors, and every customer's card with its account. Drawn from its own stream, so the week is unchanged.
    /// </summary>
    private static string AssetMapOf(int seed, (string Id, GeoPoint At)[] atms, Customer[] customers)
    {
        var rng = new Random(Seeds.Derive(seed, PlanStream + 10, 0));
        var map = new AssetMapText();
        for (int i = 0; i < atms.Length; i += 2)
        {
            string branch = string.Create(CultureInfo.InvariantCulture, $"branch-{i / 2 + 1:00}");
            map.Site(branch, SiteKinds.Branch, atms[i].At, 40 + rng.Next(40));
            foreach (var (id, _) in atms.Skip(i).Take(2))
            {
                map.Atm(id, branch);
                foreach (string type in new[] { SensorTypes.Vibration, SensorTypes.Tamper, SensorTypes.Door }) map.Sensor($"{id}-{type}", type, id);
            }
        }

        foreach (var c in customers.DistinctBy(c => c.Card)) map.Card(c.Card, c.Name);
        return map.Yaml("The bank's branches, ATMs and their sensors, and its customers' cards");
    }

    private static IEnumerable<AttackTruth> Attacks(
        int seed, DemoLog log, (string Id, GeoPoint At)[] atms, List<(DateTimeOffset At, int Atm, Customer C)> reads,
        List<(DateTimeOffset At, Customer C, string PaymentId, string OrderId, decimal Amount)> payments, List<(int Atm, DateTimeOffset At)> services, string[] staff)
    {
        var aRng = new Random(Seeds.Derive(seed, PlanStream + 3, 0));
        // 1. The skimmer: fitted at night, with a tamper trip (plain) or only the vibrations of the work (subtle).
        int victim = aRng.Next(atms.Length);
        var (atmId, atmAt) = atms[victim];
        bool subtle = aRng.Chance(0.5);
        var install = DefaultStart.AddDays(aRng.Next(0, 3)).AddHours(1 + aRng.Next(4)).AddMinutes(aRng.Next(60));
        var removal = install + aRng.Draw(BankRanges.SkimmerInPlace);
        // A service visit while the skimmer is fitted finds it: the technician removes it then.
        var found = services.Where(v => v.Atm == victim && v.At > install && v.At < removal).Select(v => (DateTimeOffset?)v.At).Min();
        bool foundAtService = found is not null;
        if (found is { } f) removal = f;
        int jolts = aRng.Draw(BankRanges.InstallVibrations);
        for (int k = 0; k < jolts; k++) log.Add(install.AddMinutes(k * 2), EventActions.SensorReading, AtmSensor(atmId, atmAt, SensorTypes.Vibration, Math.Round(1.7 + aRng.NextDouble(), 2), "g"));
        if (!subtle) log.Add(install.AddMinutes(jolts * 2 + 1), EventActions.SensorReading, AtmSensor(atmId, atmAt, SensorTypes.Tamper, "tampered", null, "card-reader"));
        if (!foundAtService)
            for (int k = 0; k < jolts; k++) log.Add(removal.AddMinutes(k * 2), EventActions.SensorReading, AtmSensor(atmId, atmAt, SensorTypes.Vibration, Math.Round(1.7 + aRng.NextDouble(), 2), "g"));
        yield return new AttackTruth
        {
            Id = "B1-atm-skimming", Kind = AttackKind.AtmSkimming, Slow = subtle, Start = install, End = removal.AddMinutes(jolts * 2),
            Addresses = [], Accounts = [], Cards = [], Assets = [new Entity(AssetKinds.Atm, atmId)], EventCount = 0,
            Parameters = [new("variant", subtle ? "subtle (vibrations only)" : "plain (tamper trip)"), new("atm", atmId), new("in place", $"{(removal - install).TotalHours:0} h{(foundAtService ? ", found at a service visit" : "")}")],
        };

        // 2. Card-not-present: the skimmed cards tested with tiny amounts from one address (plain), then cashed out by mules.
        var start = install.AddHours(12 + aRng.NextDouble() * 36);
        // Only cards the skimmer had read by the time the fraudsters start can be used.
        var exposed = reads.Where(r => r.Atm == victim && r.At > install && r.At < removal && r.At < start).Select(r => r.C).DistinctBy(c => c.Card).ToList();
        aRng.Shuffle(exposed);
        var ips = new List<string>();
        var mules = new List<string>();
        var cards = new List<string>();
        var t = start;
        DateTimeOffset? first = null;
        if (!subtle)
        {
            string tester = Ip(aRng);
            ips.Add(tester);
            foreach (var c in exposed.Take(aRng.Draw(BankRanges.TestedCards)))
            {
                t = t.AddSeconds(10 + aRng.Next(40));
                first ??= t;
                Pay(log, t, tester, null, c.Card, Math.Round((decimal)(0.5 + aRng.NextDouble() * 1.5), 2), !aRng.Chance(0.15), $"cnp-t-{cards.Count}", $"cnp-o-{cards.Count}");
                cards.Add(c.Card);
            }
        }

        int mulesCount = aRng.Draw(BankRanges.Mules);
        for (int m = 0; m < mulesCount; m++)
        {
            mules.Add($"shopper{aRng.Next(10_000, 99_999)}");
            ips.Add(Ip(aRng));
        }

        var cashOut = exposed.Take(aRng.Draw(subtle ? BankRanges.CashOutCardsSubtle : BankRanges.CashOutCards)).ToList();
        for (int i = 0; i < cashOut.Count; i++)
        {
            t = t.AddMinutes(subtle ? 120 + aRng.Next(600) : 10 + aRng.Next(90));
            int m = aRng.Next(mulesCount);
            first ??= t;
            Pay(log, t, ips[ips.Count - mulesCount + m], mules[m], cashOut[i].Card, Math.Round((decimal)aRng.Draw(BankRanges.CashOutAmount), 2), true, $"cnp-c-{i}", $"cnp-co-{i}");
            if (!cards.Contains(cashOut[i].Card)) cards.Add(cashOut[i].Card);
        }

        yield return new AttackTruth
        {
            Id = "B2-card-not-present", Kind = AttackKind.CardNotPresent, Slow = subtle, Start = first ?? start, End = t,
            Addresses = ips, Accounts = mules, Cards = cards, EventCount = 0,
            Parameters = [new("variant", subtle ? "subtle (no testing, slow cash-out)" : "plain (card testing then cash-out)"), new("exposed cards", exposed.Count.ToString(CultureInfo.InvariantCulture)), new("cards used", cards.Count.ToString(CultureInfo.InvariantCulture)), new("mules", mulesCount.ToString(CultureInfo.InvariantCulture))],
        };

        // 3. The insider: refunds of real payments, approved by them, paid to cards they control (the insider-fraud rules ES-INS-* catch it).
        string insider = staff[aRng.Next(staff.Length)];
        bool quiet = aRng.Chance(0.5);
        int refunds = aRng.Draw(quiet ? BankRanges.InsiderRefundsSubtle : BankRanges.InsiderRefunds);
        var controlled = new[] { Hex(aRng, 16), Hex(aRng, 16) };
        var times = new List<DateTimeOffset>();
        var refunded = new List<string>();
        for (int i = 0; i < refunds; i++)
        {
            var recent = payments.Where(x => x.At < DefaultStart.AddDays(5)).ToList();
            var p = recent[aRng.Next(recent.Count)];
            payments.Remove(p); // never the same payment twice, so the over-refund rule is not what catches it
            var at = p.At.AddHours(3 + aRng.Next(30));
            Refund(log, at, p.C.Name, controlled[i % 2], p.PaymentId, p.OrderId, p.Amount, insider, $"rf-x-{i}");
            times.Add(at);
            refunded.Add(p.C.Name);
        }

        // The first card is the insider's own, which they pay with online as any customer of the bank does (the
        // second is a mule's, never used by the insider). That purchase is ordinary life, not the attack: the
        // attack's window starts at the first refund, so time to detect is measured from there.
        var own = times.Min().AddHours(-(1 + aRng.Next(48)));
        if (own < DefaultStart) own = DefaultStart.AddMinutes(aRng.Next(60));
        Pay(log, own, Ip(aRng), insider, controlled[0], Math.Round((decimal)(12 + aRng.NextDouble() * 60), 2), true, "pay-own-0", "ord-own-0");

        yield return new AttackTruth
        {
            Id = "B3-insider-refund", Kind = AttackKind.InsiderRefund, Slow = quiet, Start = times.Min(), End = times.Max(),
            Addresses = [], Accounts = [insider], Cards = controlled, EventCount = 0, ExpectedRules = "ES-INS-",
            Parameters = [new("variant", quiet ? "subtle" : "plain"), new("insider", insider), new("refunds", refunds.ToString(CultureInfo.InvariantCulture)), new("caught by", "insider-fraud rules (ES-INS-*)")],
        };
    }

    private static (string, JsonNode?)[] AtmSensor(string atm, GeoPoint at, string type, JsonNode value, string? unit, string? component = null) =>
    [
        ("sensor.id", $"{atm}-{type}"), ("sensor.type", type), ("sensor.value", value), ("sensor.unit", unit), ("atm.id", atm),
        ("atm.component", component), ("observer.geo.location", TelemetryEvent.Point(at.Lat, at.Lon)),
    ];

    private static void Pay(DemoLog log, DateTimeOffset at, string ip, string? user, string card, decimal amount, bool success, string paymentId, string orderId) =>
        log.Add(new SecurityEvent
        {
            Id = string.Empty, Timestamp = at, Kind = "event", Category = "payment", Action = EventActions.PaymentAttempt,
            Outcome = success ? EventOutcomes.Success : EventOutcomes.Failure, Dataset = "bank.psp", SourceIp = ip, UserName = user,
            PaymentAmount = amount, PaymentCurrency = "EUR", CardFingerprint = card,
            Extra = new JsonObject { ["payment"] = new JsonObject { ["id"] = paymentId, ["method"] = "card" }, ["order"] = new JsonObject { ["id"] = orderId } },
        });

    /// <summary>A refund in the contract the refund rules read (docs/EVENTS.md): destination is the card receiving the money.</summary>
    private static void Refund(DemoLog log, DateTimeOffset at, string customer, string destination, string paymentId, string orderId, decimal amount, string approver, string id) =>
        log.Add(new SecurityEvent
        {
            Id = string.Empty, Timestamp = at, Kind = "event", Category = "payment", Action = EventActions.Refund, Outcome = EventOutcomes.Success,
            Dataset = "bank.backoffice", UserName = customer,
            Extra = new JsonObject
            {
                ["refund"] = new JsonObject
                {
                    ["id"] = id, ["amount"] = amount, ["currency"] = "EUR", ["payment_id"] = paymentId, ["destination"] = destination,
                    ["approver"] = approver, ["requester"] = customer,
                },
                ["order"] = new JsonObject { ["id"] = orderId },
            },
        });

    private static Customer PickNear(Random rng, Customer[] customers, int atm)
    {
        for (int i = 0; i < 20; i++)
        {
            var c = customers[rng.Next(customers.Length)];
            if (c.HomeAtm == atm) return c;
        }

        return customers[rng.Next(customers.Length)];
    }

    private static int Count(IReadOnlyList<SecurityEvent> events, AttackTruth t)
    {
        var keys = new HashSet<string>(t.Cards.Concat(t.Addresses).Concat(t.Accounts).Concat(t.Assets.Select(a => a.Value)), StringComparer.Ordinal);
        return events.Count(e => e.Timestamp >= t.Start && e.Timestamp <= t.End &&
            (keys.Contains(e.CardFingerprint ?? "") || keys.Contains(e.SourceIp ?? "") || keys.Contains(e.GetString("refund.approver") ?? "") ||
             (keys.Contains(e.GetString("atm.id") ?? "") && e.Action == EventActions.SensorReading && e.GetString("sensor.type") != SensorTypes.Tamper)));
    }

    private static string Ip(Random rng) => string.Create(CultureInfo.InvariantCulture, $"{rng.Next(80, 95)}.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}");

    private static string Hex(Random rng, int n) => string.Concat(Enumerable.Range(0, n).Select(_ => "0123456789abcdef"[rng.Next(16)]));

    private sealed record Customer(string Name, string Card, string Ip, int HomeAtm);
}
