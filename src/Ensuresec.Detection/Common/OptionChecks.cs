using System.Globalization;
using System.Text;

namespace Ensuresec.Detection.Common;

/// <summary>Small validation helpers shared by the options records; they collect errors, never throw.</summary>
internal static class OptionChecks
{
    public static void Positive(List<OptionsError> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) errors.Add(new OptionsError(name, $"must be positive (was {value})"));
    }

    public static void AtLeast(List<OptionsError> errors, string name, double value, double min)
    {
        if (double.IsNaN(value) || value < min) errors.Add(new OptionsError(name, $"must be at least {min.ToString(CultureInfo.InvariantCulture)} (was {value.ToString(CultureInfo.InvariantCulture)})"));
    }

    public static void Ratio(List<OptionsError> errors, string name, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1) errors.Add(new OptionsError(name, $"must be between 0 and 1 (was {value.ToString(CultureInfo.InvariantCulture)})"));
    }

    public static void NotNull(List<OptionsError> errors, string name, object? value)
    {
        if (value is null) errors.Add(new OptionsError(name, "must be set"));
    }

    /// <summary>PascalCase property name to the kebab-case YAML key (MinRequests to min-requests).</summary>
    public static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Prefixes each error's key with the section path, in YAML key style.</summary>
    public static IEnumerable<OptionsError> Under(string prefix, IEnumerable<OptionsError> errors) =>
        errors.Select(e => e with { Key = prefix + "." + Kebab(e.Key) });
}
