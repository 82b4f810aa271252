namespace Ensuresec.Assessment.Cvss;

/// <summary>The CVSS v3.1 equations (FIRST specification, section 7) with the v3.0 variants where they differ.</summary>
internal static class CvssScorer
{
    internal readonly record struct Scores(double Base, double Exploitability, double Impact, double Temporal, double Environmental);

    public static Scores Score(CvssVector v)
    {
        bool v30 = v.Version == "3.0";
        bool changed = v.Get("S") == "C";
        double iss = 1 - ((1 - Cia(v.Get("C"))) * (1 - Cia(v.Get("I"))) * (1 - Cia(v.Get("A"))));
        double impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        double exploitability = 8.22 * Av(v.Get("AV")) * Ac(v.Get("AC")) * Pr(v.Get("PR"), changed) * Ui(v.Get("UI"));
        double baseScore = impact <= 0 ? 0
            : changed ? RoundUp(Math.Min(1.08 * (impact + exploitability), 10), v30)
            : RoundUp(Math.Min(impact + exploitability, 10), v30);

        double temporalFactor = E(v.Get("E")) * Rl(v.Get("RL")) * Rc(v.Get("RC"));
        double temporal = RoundUp(baseScore * temporalFactor, v30);

        // Environmental: each modified metric falls back to its base metric when not defined (X).
        string M(string name) => v.Get("M" + name) is "X" ? v.Get(name) : v.Get("M" + name);
        bool mChanged = M("S") == "C";
        double miss = Math.Min(
            1 - ((1 - (Req(v.Get("CR")) * Cia(M("C")))) * (1 - (Req(v.Get("IR")) * Cia(M("I")))) * (1 - (Req(v.Get("AR")) * Cia(M("A"))))),
            0.915);
        double mImpact = !mChanged ? 6.42 * miss
            : v30 ? (7.52 * (miss - 0.029)) - (3.25 * Math.Pow(miss - 0.02, 15))
            : (7.52 * (miss - 0.029)) - (3.25 * Math.Pow((miss * 0.9731) - 0.02, 13));
        double mExploitability = 8.22 * Av(M("AV")) * Ac(M("AC")) * Pr(M("PR"), mChanged) * Ui(M("UI"));
        double environmental = mImpact <= 0 ? 0
            : mChanged ? RoundUp(RoundUp(Math.Min(1.08 * (mImpact + mExploitability), 10), v30) * temporalFactor, v30)
            : RoundUp(RoundUp(Math.Min(mImpact + mExploitability, 10), v30) * temporalFactor, v30);
        return new Scores(baseScore, exploitability, impact, temporal, environmental);
    }

    /// <summary>
    /// The smallest number with one decimal that is at least the input. v3.1 works on an integer of the input times
    /// 100,000 so that floating-point noise (e.g. 4.000000000001) does not round up a whole tenth.
    /// </summary>
    public static double RoundUp(double value, bool v30 = false)
    {
        if (v30) return Math.Ceiling(value * 10) / 10;
        long scaled = (long)Math.Round(value * 100_000, MidpointRounding.AwayFromZero);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.Floor(scaled / 10_000.0) + 1) / 10.0;
    }

    public static string Rating(double score) => score switch
    {
        0 => "None",
        < 4 => "Low",
        < 7 => "Medium",
        < 9 => "High",
        _ => "Critical",
    };

    private static double Av(string v) => v switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, _ => 0.2 };

    private static double Ac(string v) => v == "L" ? 0.77 : 0.44;

    private static double Pr(string v, bool changed) => v switch
    {
        "N" => 0.85,
        "L" => changed ? 0.68 : 0.62,
        _ => changed ? 0.5 : 0.27,
    };

    private static double Ui(string v) => v == "N" ? 0.85 : 0.62;

    private static double Cia(string v) => v switch { "H" => 0.56, "L" => 0.22, _ => 0 };

    private static double E(string v) => v switch { "F" => 0.97, "P" => 0.94, "U" => 0.91, _ => 1 };

    private static double Rl(string v) => v switch { "W" => 0.97, "T" => 0.96, "O" => 0.95, _ => 1 };

    private static double Rc(string v) => v switch { "R" => 0.96, "U" => 0.92, _ => 1 };

    private static double Req(string v) => v switch { "H" => 1.5, "L" => 0.5, _ => 1 };
}
