namespace Ensuresec.Detection.Accounts;

/// <summary>How surprising a count is for a Poisson rate: −log10 P(X ≥ k | λ).</summary>
internal static class Poisson
{
    /// <summary>Largest surprise reported; beyond it every burst is simply certain.</summary>
    public const double MaxSurprise = 30;

    public static double Surprise(int observed, double expected)
    {
        if (observed <= 0 || expected >= observed) return 0;
        if (expected <= 0) return MaxSurprise;

        // log of the first term λ^k e^-λ / k!, then the tail's terms, each λ/(j+1) times the one before (they fall once j > λ).
        double logTerm = (observed * Math.Log(expected)) - expected;
        for (int i = 2; i <= observed; i++) logTerm -= Math.Log(i);
        double sum = 1, term = 1;
        for (int j = observed; j < observed + 1_000; j++)
        {
            term *= expected / (j + 1);
            sum += term;
            if (term < sum * 1e-12) break;
        }

        double log10 = (logTerm + Math.Log(sum)) / Math.Log(10);
        return Math.Clamp(-log10, 0, MaxSurprise);
    }
}
