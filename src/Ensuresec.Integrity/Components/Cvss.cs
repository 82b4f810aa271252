using Ensuresec.Core.Events;

namespace Ensuresec.Integrity.Components;

/// <summary>
/// CVSS v3.0/v3.1 base scores computed from the vector (FIRST's specification, section 7 formulas and the
/// round-up to one decimal), and the qualitative rating. CVSS v4 and v2 vectors are not scored here: the advisory's
/// own rating (database_specific.severity) is used for them.
/// </summary>
internal static class Cvss
{
    /// <summary>The base score, or null when the text is not a complete, valid CVSS v3 vector.</summary>
    public static double? BaseScoreV3(string vector)
    {
        var parts = vector.Split('/');
        if (parts.Length < 9 || parts[0] is not ("CVSS:3.0" or "CVSS:3.1")) return null;
        var m = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string p in parts[1..])
        {
            int colon = p.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !m.TryAdd(p[..colon], p[(colon + 1)..])) return null;
        }

        if (!(m.TryGetValue("AV", out var av) && m.TryGetValue("AC", out var ac) && m.TryGetValue("PR", out var pr) && m.TryGetValue("UI", out var ui) &&
              m.TryGetValue("S", out var s) && m.TryGetValue("C", out var c) && m.TryGetValue("I", out var i) && m.TryGetValue("A", out var a)))
        {
            return null;
        }

        bool changed = s == "C";
        if (s is not ("C" or "U")) return null;
        double? avW = av switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? acW = ac switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? prW = pr switch { "N" => 0.85, "L" => changed ? 0.68 : 0.62, "H" => changed ? 0.5 : 0.27, _ => null };
        double? uiW = ui switch { "N" => 0.85, "R" => 0.62, _ => null };
        double? cW = Cia(c), iW = Cia(i), aW = Cia(a);
        if (avW is null || acW is null || prW is null || uiW is null || cW is null || iW is null || aW is null) return null;
        double iss = 1 - ((1 - cW.Value) * (1 - iW.Value) * (1 - aW.Value));
        double impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        double exploitability = 8.22 * avW.Value * acW.Value * prW.Value * uiW.Value;
        if (impact <= 0) return 0;
        return changed ? RoundUp(Math.Min(1.08 * (impact + exploitability), 10)) : RoundUp(Math.Min(impact + exploitability, 10));
    }

    public static Severity Rating(double score) => score switch
    {
        0 => Severity.Info,
        < 4.0 => Severity.Low,
        < 7.0 => Severity.Medium,
        < 9.0 => Severity.High,
        _ => Severity.Critical,
    };

    /// <summary>The GHSA-style word (LOW, MODERATE, HIGH, CRITICAL) as a severity.</summary>
    public static Severity? FromWord(string? word) => word?.ToUpperInvariant() switch
    {
        "LOW" => Severity.Low,
        "MODERATE" or "MEDIUM" => Severity.Medium,
        "HIGH" => Severity.High,
        "CRITICAL" => Severity.Critical,
        _ => null,
    };

    private static double? Cia(string v) => v switch { "H" => 0.56, "L" => 0.22, "N" => 0.0, _ => null };

    // CVSS v3.1 Roundup: the smallest one-decimal number >= the input, computed on integers to avoid 4.000000001 -> 4.1
    private static double RoundUp(double value)
    {
        long scaled = (long)Math.Round(value * 100000);
        return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.Floor(scaled / 10000.0) + 1) / 10.0;
    }
}
