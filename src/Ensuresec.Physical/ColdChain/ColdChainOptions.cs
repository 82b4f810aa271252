using Ensuresec.Physical.Common;

namespace Ensuresec.Physical.ColdChain;

/// <summary>Settings of the cold-chain detector (YAML: detectors.cold-chain). Defaults: a 2-8 °C product.</summary>
public sealed record ColdChainOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Lowest allowed temperature, °C.</summary>
    public double MinCelsius { get; init; } = 2;

    /// <summary>Highest allowed temperature, °C.</summary>
    public double MaxCelsius { get; init; } = 8;

    /// <summary>How long a shipment may stay outside the range at a stretch (door openings, loading) before it is an excursion.</summary>
    public TimeSpan MaxExcursion { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Highest allowed mean kinetic temperature over a shipment, °C.</summary>
    public double MaxMkt { get; init; } = 8;

    /// <summary>MKT is judged only after this much of the shipment's time was seen: it is a mean over the storage period, and a warm first hours are not yet one.</summary>
    public TimeSpan MktMinSpan { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Activation energy ΔH in J/mol for the MKT (83,144 by the pharmacopoeias).</summary>
    public double ActivationEnergy { get; init; } = 83_144;

    /// <summary>A reading stands for at most this long in the MKT, so a sensor dropout does not stretch one value.</summary>
    public TimeSpan MaxReadingWeight { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A shipment unheard of for this long is forgotten.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromDays(2);

    public IReadOnlyList<OptionProblem> Validate()
    {
        var p = new List<OptionProblem>();
        Check.Range(p, "min-celsius", MinCelsius, -100, 100);
        Check.Range(p, "max-celsius", MaxCelsius, -100, 100);
        Check.Below(p, "min-celsius", MinCelsius, "max-celsius", MaxCelsius);
        Check.Range(p, "max-mkt", MaxMkt, -100, 100);
        Check.Range(p, "activation-energy", ActivationEnergy, 1_000, 1_000_000);
        Check.Positive(p, "max-excursion", MaxExcursion);
        Check.Positive(p, "mkt-min-span", MktMinSpan);
        Check.Positive(p, "max-reading-weight", MaxReadingWeight);
        Check.Positive(p, "idle", Idle);
        return p;
    }
}
