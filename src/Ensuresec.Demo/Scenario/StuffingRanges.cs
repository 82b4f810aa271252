namespace Ensuresec.Demo.Scenario;

/// <summary>Credential stuffing: logins for a leaked list of accounts, mostly nonexistent here, from a botnet.</summary>
public sealed record StuffingRanges
{
    /// <summary>Defaults: fast 20-200 addresses at 1-8 attempts/s for 10-60 min; slow 50-400 addresses at 0.005-0.05 attempts/s for 12-72 h.</summary>
    public PaceRanges Pace { get; init; } = new()
    {
        FastAddresses = new(20, 200),
        FastRate = new(1, 8),
        FastDuration = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60)),
        SlowAddresses = new(50, 400),
        SlowRate = new(0.005, 0.05),
        SlowDuration = new(TimeSpan.FromHours(12), TimeSpan.FromHours(72)),
    };

    /// <summary>Share of the leaked accounts that exist in the shop (the rest answer "no such user").</summary>
    public DoubleRange ExistingAccountShare { get; init; } = new(0.05, 0.15);

    /// <summary>Accounts whose leaked password still works (each is a success the takeover can use).</summary>
    public IntRange Successes { get; init; } = new(1, 4);

    internal void Validate()
    {
        Pace.Validate("Stuffing");
        ExistingAccountShare.Validate(nameof(ExistingAccountShare));
        Successes.Validate(nameof(Successes));
        if (ExistingAccountShare.Max > 1) throw new ArgumentOutOfRangeException(nameof(ExistingAccountShare), "a share is at most 1");
        if (Successes.Min < 1) throw new ArgumentOutOfRangeException(nameof(Successes), "the takeover needs at least one success");
    }
}
