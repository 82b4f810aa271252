using Ensuresec.Core.Events;
using Ensuresec.Demo.Generation;
using Ensuresec.Demo.Generation.Attacks;

namespace Ensuresec.Demo.Scenario;

/// <summary>
/// The retailer reference use case: a week of a mid-size shop's traffic with an attack campaign mixed in.
/// The same seed and options give the same events, ids included.
/// </summary>
public static class RetailerScenario
{
    private const int PlanStream = 1;
    private const int HourStream = 2;
    private const long Hour = TimeSpan.TicksPerHour;

    /// <summary>
    /// Plans the scenario (ground truth, known at once) and returns its events as a lazy, time-ordered stream,
    /// generated an hour at a time.
    /// </summary>
    public static GeneratedScenario Generate(int seed, ScenarioOptions? options = null)
    {
        options ??= new ScenarioOptions();
        options.Validate();
        var plan = Plan(seed, options);
        return new GeneratedScenario(plan.Truth, Stream(seed, options, plan));
    }

    private static IEnumerable<SecurityEvent> Stream(int seed, ScenarioOptions options, ScenarioPlan plan)
    {
        // The plan is read-only once made, so every enumeration can share it; each gets its own factory and hour streams.
        var factory = new EventFactory(seed);
        long start = options.Start.UtcTicks;
        int hours = options.Days * 24;
        for (int h = 0; h < hours; h++)
        {
            long from = start + (h * Hour);
            plan.Benign.EmitHour(from, new Random(Seeds.Derive(seed, HourStream, h)), factory);
            foreach (var attack in plan.Attacks) attack.Emit(from, from + Hour, factory);
            plan.Promotions.Emit(from, from + Hour, factory);
            foreach (var e in factory.DrainBefore(from + Hour)) yield return e;
        }

        // Sessions that began in the last hour end a little after the week; attacks never do.
        foreach (var e in factory.DrainBefore(long.MaxValue)) yield return e;
    }

    private static ScenarioPlan Plan(int seed, ScenarioOptions options)
    {
        var rng = new Random(Seeds.Derive(seed, PlanStream, 0));
        var book = new CustomerBook(rng, options.ScaledCustomers);

        int saleDay = rng.Next(options.Days);
        var saleStart = options.Start.AddDays(saleDay).AddHours(rng.Next(9, 20)).AddMinutes(rng.Next(0, 4) * 15);
        var saleEnd = saleStart + rng.Draw(options.FlashSaleDuration);
        if (saleEnd > options.End) saleEnd = options.End;
        double multiplier = rng.Draw(options.FlashSaleMultiplier);
        var benign = new BenignTraffic(options, book, rng, saleStart, saleEnd, multiplier);

        var reserved = BenignTraffic.MonitorAddresses.Concat(BenignTraffic.GooglebotAddresses).Concat(BenignTraffic.BingbotAddresses).ToArray();
        var ctx = new PlanContext(rng, options, book, reserved);
        var attacks = new List<AttackPlan>();
        int n = 0;
        foreach (var kind in Enum.GetValues<AttackKind>())
        {
            if (!options.Attacks.Contains(kind)) continue;
            n++;
            string id = $"A{n}-{Slug(kind)}";
            attacks.Add(kind switch
            {
                AttackKind.Reconnaissance => ReconPlanner.Plan(ctx, id),
                AttackKind.CredentialStuffing => StuffingPlanner.Plan(ctx, id),
                AttackKind.PasswordSpraying => SprayingPlanner.Plan(ctx, id),
                AttackKind.AccountTakeover => TakeoverPlanner.Plan(ctx, id),
                AttackKind.SearchFlood => FloodPlanner.Plan(ctx, id),
                AttackKind.CardTesting => CardTestingPlanner.Plan(ctx, id),
                AttackKind.PaymentFraud => PaymentFraudPlanner.Plan(ctx, id),
                AttackKind.RefundFraud => RefundFraudPlanner.Plan(ctx, id),
                AttackKind.PromotionAbuse => PromotionAbusePlanner.Plan(ctx, id),
                AttackKind.AccountBurst => AccountBurstPlanner.Plan(ctx, id),
                _ => throw new InvalidOperationException($"no planner for {kind}"),
            });
        }

        var truth = new GroundTruth
        {
            Seed = seed,
            Start = options.Start,
            End = options.End,
            Attacks = attacks.Select(a => a.Truth).ToArray(),
            Benign = new BenignCases
            {
                NatAddresses = [book.UniversityNat, .. book.MobilePool],
                FlashSaleStart = saleStart,
                FlashSaleEnd = saleEnd,
                FlashSaleMultiplier = multiplier,
                CrawlerAddresses = [.. BenignTraffic.GooglebotAddresses, .. BenignTraffic.BingbotAddresses],
                MonitorAddresses = BenignTraffic.MonitorAddresses,
            },
        };
        // The promotion and sign-up traffic draws from its own stream, so the rest of the week is what it was without it.
        var promotions = new PromotionTraffic(options, book, new Random(Seeds.Derive(seed, PromotionTraffic.Stream, -1)));
        truth = truth with { Benign = truth.Benign with { Notes = [.. truth.Benign.Notes, .. promotions.Cases] } };
        return new ScenarioPlan(truth, benign, attacks, promotions);
    }

    /// <summary>The kind in kebab case, as used in attack ids and reports.</summary>
    public static string Slug(AttackKind kind) => kind switch
    {
        AttackKind.Reconnaissance => "reconnaissance",
        AttackKind.CredentialStuffing => "credential-stuffing",
        AttackKind.PasswordSpraying => "password-spraying",
        AttackKind.AccountTakeover => "account-takeover",
        AttackKind.SearchFlood => "search-flood",
        AttackKind.CardTesting => "card-testing",
        AttackKind.PaymentFraud => "payment-fraud",
        AttackKind.RefundFraud => "refund-fraud",
        AttackKind.ColdChainBreak => "cold-chain-break",
        AttackKind.RouteDeviation => "route-deviation",
        AttackKind.CargoTheft => "cargo-theft",
        AttackKind.SealSwap => "seal-swap",
        AttackKind.CourierTheft => "courier-theft",
        AttackKind.ClaimFraud => "claim-fraud",
        AttackKind.SensorSpoofing => "sensor-spoofing",
        AttackKind.AtmSkimming => "atm-skimming",
        AttackKind.CardNotPresent => "card-not-present",
        AttackKind.InsiderRefund => "insider-refund",
        AttackKind.PromotionAbuse => "promotion-abuse",
        AttackKind.AccountBurst => "account-burst",
        AttackKind.PhishingTakeover => "phishing-takeover",
        _ => kind.ToString(),
    };

    private sealed record ScenarioPlan(GroundTruth Truth, BenignTraffic Benign, List<AttackPlan> Attacks, PromotionTraffic Promotions);
}
