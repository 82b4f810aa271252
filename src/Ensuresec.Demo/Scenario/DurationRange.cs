namespace Ensuresec.Demo.Scenario;

/// <summary>A closed range of durations a scenario parameter is drawn from.</summary>
public readonly record struct DurationRange(TimeSpan Min, TimeSpan Max)
{
    /// <summary>True if <paramref name="value"/> lies in [Min, Max].</summary>
    public bool Contains(TimeSpan value) => value >= Min && value <= Max;

    internal void Validate(string name)
    {
        if (Min <= TimeSpan.Zero || Max < Min) throw new ArgumentOutOfRangeException(name, this, "need 0 < Min <= Max");
    }

    public override string ToString() => $"{Format(Min)}-{Format(Max)}";

    internal static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{t.TotalHours:0.#}h" : t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#}min" : $"{t.TotalSeconds:0.#}s";
}
