namespace Ensuresec.Demo.Scenario;

/// <summary>Account takeover: a login to a stuffed account from an attacker address, then e-mail and address changes.</summary>
public sealed record TakeoverRanges
{
    /// <summary>Attacker addresses (the login and the changes may come from different ones).</summary>
    public IntRange Addresses { get; init; } = new(1, 2);

    /// <summary>From the stuffing success to the attacker's login.</summary>
    public DurationRange LoginDelay { get; init; } = new(TimeSpan.FromMinutes(10), TimeSpan.FromHours(24));

    /// <summary>From the login to the e-mail change, fast variant.</summary>
    public DurationRange FastChangeDelay { get; init; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(90));

    /// <summary>From the login to the e-mail change, slow variant (the attacker comes back later).</summary>
    public DurationRange SlowChangeDelay { get; init; } = new(TimeSpan.FromHours(6), TimeSpan.FromHours(36));

    /// <summary>From the e-mail change to the address change.</summary>
    public DurationRange AddressChangeDelay { get; init; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(60));

    /// <summary>Chance that the attacker then orders with the victim's stored card.</summary>
    public double OrderShare { get; init; } = 0.5;

    internal void Validate()
    {
        Addresses.Validate(nameof(Addresses));
        LoginDelay.Validate(nameof(LoginDelay));
        FastChangeDelay.Validate(nameof(FastChangeDelay));
        SlowChangeDelay.Validate(nameof(SlowChangeDelay));
        AddressChangeDelay.Validate(nameof(AddressChangeDelay));
        if (Addresses.Min < 1) throw new ArgumentOutOfRangeException(nameof(Addresses), "at least one address");
        if (!(OrderShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(OrderShare), OrderShare, "0..1");
    }
}
