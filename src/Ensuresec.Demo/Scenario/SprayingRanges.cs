namespace Ensuresec.Demo.Scenario;

/// <summary>Password spraying: a few common passwords tried once each over many real accounts.</summary>
public sealed record SprayingRanges
{
    /// <summary>Defaults: fast 1-4 addresses at 0.05-0.5 attempts/s for 20-120 min; slow 1-2 addresses at 0.002-0.01 attempts/s for 12-72 h.</summary>
    public PaceRanges Pace { get; init; } = new()
    {
        FastAddresses = new(1, 4),
        FastRate = new(0.05, 0.5),
        FastDuration = new(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(120)),
        SlowAddresses = new(1, 2),
        SlowRate = new(0.002, 0.01),
        SlowDuration = new(TimeSpan.FromHours(12), TimeSpan.FromHours(72)),
    };

    /// <summary>Passwords sprayed; each is tried once per account, one password round after the other.</summary>
    public IntRange Passwords { get; init; } = new(1, 3);

    /// <summary>Accounts with one of the sprayed passwords (successful logins).</summary>
    public IntRange Successes { get; init; } = new(0, 2);

    internal void Validate()
    {
        Pace.Validate("Spraying");
        Passwords.Validate(nameof(Passwords));
        Successes.Validate(nameof(Successes));
        if (Passwords.Min < 1) throw new ArgumentOutOfRangeException(nameof(Passwords), "at least one password");
    }
}
