using System.Globalization;

namespace Ensuresec.Demo.Scenario;

/// <summary>A closed range of real numbers (rates, shares) a scenario parameter is drawn from.</summary>
public readonly record struct DoubleRange(double Min, double Max)
{
    /// <summary>True if <paramref name="value"/> lies in [Min, Max].</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    internal void Validate(string name)
    {
        if (!double.IsFinite(Min) || !double.IsFinite(Max) || Min < 0 || Max < Min)
        {
            throw new ArgumentOutOfRangeException(name, this, "need finite 0 <= Min <= Max");
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min:0.####}-{Max:0.####}");
}
