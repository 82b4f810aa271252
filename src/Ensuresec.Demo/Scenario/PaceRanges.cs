namespace Ensuresec.Demo.Scenario;

/// <summary>
/// The ranges of an attack that runs at a rate for a while. A fast and a slow (low-and-slow) variant each
/// have their own ranges; which one an attack gets is drawn with <see cref="ScenarioOptions.SlowShare"/>.
/// The number of requests or attempts is the drawn rate times the drawn duration (a Poisson process).
/// </summary>
public sealed record PaceRanges
{
    /// <summary>Source addresses of the fast variant.</summary>
    public required IntRange FastAddresses { get; init; }

    /// <summary>Events per second of the fast variant, all addresses together.</summary>
    public required DoubleRange FastRate { get; init; }

    /// <summary>Duration of the fast variant.</summary>
    public required DurationRange FastDuration { get; init; }

    /// <summary>Source addresses of the slow variant.</summary>
    public required IntRange SlowAddresses { get; init; }

    /// <summary>Events per second of the slow variant, all addresses together.</summary>
    public required DoubleRange SlowRate { get; init; }

    /// <summary>Duration of the slow variant.</summary>
    public required DurationRange SlowDuration { get; init; }

    internal void Validate(string name)
    {
        FastAddresses.Validate(name + ".FastAddresses");
        FastRate.Validate(name + ".FastRate");
        FastDuration.Validate(name + ".FastDuration");
        SlowAddresses.Validate(name + ".SlowAddresses");
        SlowRate.Validate(name + ".SlowRate");
        SlowDuration.Validate(name + ".SlowDuration");
        if (FastAddresses.Min < 1 || SlowAddresses.Min < 1) throw new ArgumentOutOfRangeException(name, "an attack needs at least one address");
        if (FastRate.Min <= 0 || SlowRate.Min <= 0) throw new ArgumentOutOfRangeException(name, "rates must be positive");
    }
}
