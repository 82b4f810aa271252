namespace Ensuresec.Demo.Scenario;

/// <summary>An inclusive range of whole numbers a scenario parameter is drawn from.</summary>
public readonly record struct IntRange(int Min, int Max)
{
    /// <summary>True if <paramref name="value"/> lies in [Min, Max].</summary>
    public bool Contains(int value) => value >= Min && value <= Max;

    internal void Validate(string name)
    {
        if (Min < 0 || Max < Min) throw new ArgumentOutOfRangeException(name, this, "need 0 <= Min <= Max");
    }

    public override string ToString() => Min == Max ? $"{Min}" : $"{Min}-{Max}";
}
