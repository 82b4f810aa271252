namespace Ensuresec.Physical.Common;

/// <summary>An invalid setting of a physical detector: the property (kebab-case, as in YAML) and why.</summary>
public sealed record OptionProblem(string Key, string Message);

/// <summary>Checks shared by the options records; they collect problems, never throw.</summary>
internal static class Check
{
    /// <summary>What every detector constructor does with its options: refuse them, naming every problem.</summary>
    public static void ThrowIfInvalid(IReadOnlyList<OptionProblem> problems, string paramName)
    {
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), paramName);
    }

    public static void Positive(List<OptionProblem> p, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) p.Add(new OptionProblem(key, $"must be positive (was {value})"));
    }

    public static void Range(List<OptionProblem> p, string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max) p.Add(new OptionProblem(key, FormattableString.Invariant($"must be between {min} and {max} (was {value})")));
    }

    public static void Below(List<OptionProblem> p, string lowKey, double low, string highKey, double high)
    {
        if (!(low < high)) p.Add(new OptionProblem(lowKey, FormattableString.Invariant($"must be below {highKey} (was {low} >= {high})")));
    }
}
