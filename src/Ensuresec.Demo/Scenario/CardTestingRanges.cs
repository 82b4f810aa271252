namespace Ensuresec.Demo.Scenario;

/// <summary>Card testing: small payments, each with a new card, mostly declined.</summary>
public sealed record CardTestingRanges
{
    /// <summary>Defaults: fast 1-3 addresses at 0.05-0.5 attempts/s for 10-60 min; slow 1-2 addresses at one attempt per 3-30 min for 12-72 h.</summary>
    public PaceRanges Pace { get; init; } = new()
    {
        FastAddresses = new(1, 3),
        FastRate = new(0.05, 0.5),
        FastDuration = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60)),
        SlowAddresses = new(1, 2),
        SlowRate = new(1 / 1800.0, 1 / 180.0),
        SlowDuration = new(TimeSpan.FromHours(12), TimeSpan.FromHours(72)),
    };

    /// <summary>Accounts used (0 = guest checkout); new accounts created by the attacker just before.</summary>
    public IntRange Accounts { get; init; } = new(0, 2);

    /// <summary>Share of attempts declined.</summary>
    public DoubleRange DeclineShare { get; init; } = new(0.85, 0.97);

    /// <summary>Amount of each attempt, in euros.</summary>
    public DoubleRange Amount { get; init; } = new(0.5, 5);

    internal void Validate()
    {
        Pace.Validate("CardTesting");
        Accounts.Validate(nameof(Accounts));
        DeclineShare.Validate(nameof(DeclineShare));
        Amount.Validate(nameof(Amount));
        if (DeclineShare.Max > 1) throw new ArgumentOutOfRangeException(nameof(DeclineShare), "a share is at most 1");
    }
}
