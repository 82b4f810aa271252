namespace Ensuresec.Assessment.Cvss;

/// <summary>Parses CVSS v3.0 and v3.1 vector strings; bad input returns a reason, never throws.</summary>
public static class CvssParser
{
    /// <summary>The longest valid v3.1 vector is about 140 characters; anything far longer is not a vector.</summary>
    public const int MaxLength = 256;

    private static readonly string[] BaseMetrics = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["AV"] = ["N", "A", "L", "P"],
        ["AC"] = ["L", "H"],
        ["PR"] = ["N", "L", "H"],
        ["UI"] = ["N", "R"],
        ["S"] = ["U", "C"],
        ["C"] = ["H", "L", "N"],
        ["I"] = ["H", "L", "N"],
        ["A"] = ["H", "L", "N"],
        ["E"] = ["X", "H", "F", "P", "U"],
        ["RL"] = ["X", "U", "W", "T", "O"],
        ["RC"] = ["X", "C", "R", "U"],
        ["CR"] = ["X", "H", "M", "L"],
        ["IR"] = ["X", "H", "M", "L"],
        ["AR"] = ["X", "H", "M", "L"],
        ["MAV"] = ["X", "N", "A", "L", "P"],
        ["MAC"] = ["X", "L", "H"],
        ["MPR"] = ["X", "N", "L", "H"],
        ["MUI"] = ["X", "N", "R"],
        ["MS"] = ["X", "U", "C"],
        ["MC"] = ["X", "H", "L", "N"],
        ["MI"] = ["X", "H", "L", "N"],
        ["MA"] = ["X", "H", "L", "N"],
    };

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says which metric is wrong and why.</summary>
    public static bool TryParse(string? text, out CvssVector? vector, out string error)
    {
        vector = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty CVSS vector";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"CVSS vector longer than {MaxLength} characters";
            return false;
        }

        string version;
        if (text.StartsWith("CVSS:3.1/", StringComparison.Ordinal)) version = "3.1";
        else if (text.StartsWith("CVSS:3.0/", StringComparison.Ordinal)) version = "3.0";
        else
        {
            error = "a CVSS v3 vector starts with CVSS:3.1/ (or CVSS:3.0/)";
            return false;
        }

        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in text["CVSS:3.x/".Length..].Split('/'))
        {
            int colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == part.Length - 1)
            {
                error = $"'{Shorten(part)}' is not METRIC:VALUE";
                return false;
            }

            string name = part[..colon];
            string value = part[(colon + 1)..];
            if (!Allowed.TryGetValue(name, out var values))
            {
                error = $"unknown metric '{Shorten(name)}'";
                return false;
            }

            if (Array.IndexOf(values, value) < 0)
            {
                error = $"metric {name} has value '{Shorten(value)}' (allowed: {string.Join(", ", values)})";
                return false;
            }

            if (!metrics.TryAdd(name, value))
            {
                error = $"metric {name} given twice";
                return false;
            }
        }

        var missing = BaseMetrics.Where(m => !metrics.ContainsKey(m)).ToList();
        if (missing.Count > 0)
        {
            error = $"missing base metric(s): {string.Join(", ", missing)}";
            return false;
        }

        vector = new CvssVector(text, version, metrics);
        return true;
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "...";
}
