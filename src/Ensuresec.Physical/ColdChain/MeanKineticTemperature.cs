namespace Ensuresec.Physical.ColdChain;

/// <summary>
/// Mean kinetic temperature (USP &lt;1079.2&gt;, Ph. Eur.): the single temperature that would degrade a product as much
/// as the varying temperatures it saw, MKT = (ΔH/R) / −ln(Σ wᵢ·e^(−ΔH/(R·Tᵢ)) / Σ wᵢ), T in kelvin. Each reading is
/// weighted by the time it stood for, so an irregular sampling rate does not bias it. ΔH defaults to 83.144 kJ/mol,
/// the pharmacopoeias' value, which gives ΔH/R = 10,000 K.
/// </summary>
internal sealed class MeanKineticTemperature(double activationEnergyJoulesPerMole = MeanKineticTemperature.DefaultActivationEnergy)
{
    public const double DefaultActivationEnergy = 83_144;
    private const double GasConstant = 8.3144598;
    private readonly double _ratio = activationEnergyJoulesPerMole / GasConstant;
    private double _sum;

    /// <summary>Total weight (seconds) added.</summary>
    public double Seconds { get; private set; }

    /// <summary>Adds a temperature that held for <paramref name="seconds"/>.</summary>
    public void Add(double celsius, double seconds)
    {
        if (!(seconds > 0) || !double.IsFinite(celsius)) return;
        _sum += seconds * Math.Exp(-_ratio / (celsius + 273.15));
        Seconds += seconds;
    }

    /// <summary>MKT in °C, or null before anything was added.</summary>
    public double? Celsius => Seconds > 0 ? _ratio / -Math.Log(_sum / Seconds) - 273.15 : null;
}
