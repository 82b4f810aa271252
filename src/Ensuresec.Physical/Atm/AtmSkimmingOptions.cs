using Ensuresec.Physical.Common;

namespace Ensuresec.Physical.Atm;

/// <summary>Settings of the ATM-skimming detector (YAML: detectors.atm-skimming).</summary>
public sealed record AtmSkimmingOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>A vibration at least this strong (g) counts towards a burst.</summary>
    public double VibrationG { get; init; } = 1.5;

    /// <summary>This many strong vibrations within <see cref="VibrationWindow"/> is someone working on the ATM.</summary>
    public int VibrationBurst { get; init; } = 3;

    public TimeSpan VibrationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>After an atm-service event, door and tamper signals for this long are the technician's.</summary>
    public TimeSpan ServiceWindow { get; init; } = TimeSpan.FromHours(2);

    /// <summary>A tampered ATM stays compromised (cards read there are exposed) until serviced, or at most this long.</summary>
    public TimeSpan MaxExposure { get; init; } = TimeSpan.FromDays(7);

    /// <summary>An exposed card used elsewhere within this long after its read is reported.</summary>
    public TimeSpan UseWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Most exposed cards remembered (the oldest are dropped first).</summary>
    public int MaxExposedCards { get; init; } = 100_000;

    public IReadOnlyList<OptionProblem> Validate()
    {
        var p = new List<OptionProblem>();
        Check.Range(p, "vibration-g", VibrationG, 0.01, 1_000);
        Check.Range(p, "vibration-burst", VibrationBurst, 1, 10_000);
        Check.Range(p, "max-exposed-cards", MaxExposedCards, 1, 100_000_000);
        Check.Positive(p, "vibration-window", VibrationWindow);
        Check.Positive(p, "service-window", ServiceWindow);
        Check.Positive(p, "max-exposure", MaxExposure);
        Check.Positive(p, "use-window", UseWindow);
        return p;
    }
}
