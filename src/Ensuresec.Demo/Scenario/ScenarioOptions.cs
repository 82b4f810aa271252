namespace Ensuresec.Demo.Scenario;

/// <summary>
/// The shape of the retailer use case. Every attack parameter is drawn from a stated range here, with a
/// chance <see cref="SlowShare"/> of the low-and-slow variant. Defaults model a mid-size shop's week.
/// </summary>
/// <remarks>
/// Default attack ranges (rates are all addresses together):
/// <list type="table">
/// <listheader><term>attack</term><description>fast variant / slow variant</description></listheader>
/// <item><term>reconnaissance</term><description>1-3 addresses, 0.5-8 req/s, 5-45 min / 1-2 addresses, 1 req per 30 s-5 min, 6-36 h; 60% scanner agent</description></item>
/// <item><term>credential stuffing</term><description>20-200 addresses, 1-8 attempts/s, 10-60 min / 50-400 addresses, 0.005-0.05/s, 12-72 h; 5-15% of leaked accounts exist; 1-4 successes</description></item>
/// <item><term>password spraying</term><description>1-4 addresses, 0.05-0.5/s, 20-120 min / 1-2 addresses, 0.002-0.01/s, 12-72 h; 1-3 passwords; 0-2 successes</description></item>
/// <item><term>account takeover</term><description>1-2 addresses; login 10 min-24 h after a stuffing success; e-mail change 2-90 min after / 6-36 h after; address change 1-60 min later; 50% order</description></item>
/// <item><term>search flood</term><description>1-3 addresses, 20-80 req/s, 2-15 min / 5-20 addresses, 3-10 req/s, 20-90 min</description></item>
/// <item><term>card testing</term><description>1-3 addresses, 0.05-0.5/s, 10-60 min / 1-2 addresses, 1 per 3-30 min, 12-72 h; 0-2 accounts; 85-97% declined; 0.50-5.00 EUR</description></item>
/// </list>
/// Start times are uniform over the part of the week where the attack fits.
/// </remarks>
public sealed record ScenarioOptions
{
    /// <summary>First instant of the scenario (a Monday, so the weekday shape lines up).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Length in days.</summary>
    public int Days { get; init; } = 7;

    /// <summary>Benign sessions on an average day at scale 1 (before the diurnal and weekday shape and the flash sale).</summary>
    public int SessionsPerDay { get; init; } = 5_000;

    /// <summary>Multiplies sessions and customers (0.01 to 100).</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>Registered customers at scale 1.</summary>
    public int Customers { get; init; } = 20_000;

    /// <summary>Chance that an attack runs its low-and-slow variant.</summary>
    public double SlowShare { get; init; } = 0.3;

    /// <summary>The retailer's attack kinds; the pharmacy and bank scenarios have their own.</summary>
    public static IReadOnlyList<AttackKind> RetailAttacks { get; } =
    [
        AttackKind.Reconnaissance, AttackKind.CredentialStuffing, AttackKind.PasswordSpraying, AttackKind.AccountTakeover,
        AttackKind.SearchFlood, AttackKind.CardTesting, AttackKind.PaymentFraud, AttackKind.RefundFraud,
        AttackKind.PromotionAbuse, AttackKind.AccountBurst,
    ];

    /// <summary>The attacks mixed in; one of each.</summary>
    public IReadOnlyList<AttackKind> Attacks { get; init; } = RetailAttacks;

    public ReconRanges Recon { get; init; } = new();

    public StuffingRanges Stuffing { get; init; } = new();

    public SprayingRanges Spraying { get; init; } = new();

    public TakeoverRanges Takeover { get; init; } = new();

    public FloodRanges Flood { get; init; } = new();

    public CardTestingRanges CardTesting { get; init; } = new();

    /// <summary>Flash sale: traffic multiplier over the normal shape.</summary>
    public DoubleRange FlashSaleMultiplier { get; init; } = new(5, 10);

    /// <summary>Flash sale: how long it lasts (it starts between 09:00 and 19:00 on a random day).</summary>
    public DurationRange FlashSaleDuration { get; init; } = new(TimeSpan.FromHours(2), TimeSpan.FromHours(4));

    /// <summary>Throws if an option is out of range (programmer error; the CLI checks its own input first).</summary>
    public void Validate()
    {
        if (Start.Offset != TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Start), Start, "use UTC");
        if (Days is < 2 or > 366) throw new ArgumentOutOfRangeException(nameof(Days), Days, "2..366");
        if (SessionsPerDay is < 1 or > 10_000_000) throw new ArgumentOutOfRangeException(nameof(SessionsPerDay), SessionsPerDay, "1..10,000,000");
        if (!(Scale is >= 0.01 and <= 100)) throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "0.01..100");
        if (Customers is < 100 or > 10_000_000) throw new ArgumentOutOfRangeException(nameof(Customers), Customers, "100..10,000,000");
        if (!(SlowShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(SlowShare), SlowShare, "0..1");
        ArgumentNullException.ThrowIfNull(Attacks);
        if (Attacks.Distinct().Count() != Attacks.Count) throw new ArgumentException("each attack at most once", nameof(Attacks));
        Recon.Validate();
        Stuffing.Validate();
        Spraying.Validate();
        Takeover.Validate();
        Flood.Validate();
        CardTesting.Validate();
        FlashSaleMultiplier.Validate(nameof(FlashSaleMultiplier));
        FlashSaleDuration.Validate(nameof(FlashSaleDuration));
        if (FlashSaleMultiplier.Min < 1) throw new ArgumentOutOfRangeException(nameof(FlashSaleMultiplier), "at least 1");
        if (FlashSaleDuration.Max > TimeSpan.FromHours(12)) throw new ArgumentOutOfRangeException(nameof(FlashSaleDuration), "at most 12 h");
    }

    internal int ScaledCustomers => Math.Max(100, (int)(Customers * Scale));

    internal double ScaledSessionsPerDay => SessionsPerDay * Scale;

    internal DateTimeOffset End => Start.AddDays(Days);
}
