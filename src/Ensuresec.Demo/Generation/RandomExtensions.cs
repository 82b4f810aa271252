using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation;

/// <summary>Draws from <see cref="Random"/>: ranges, exponential gaps, Poisson counts.</summary>
internal static class RandomExtensions
{
    public static int Draw(this Random rng, IntRange range) => rng.Next(range.Min, range.Max + 1);

    public static double Draw(this Random rng, DoubleRange range) => range.Min + (rng.NextDouble() * (range.Max - range.Min));

    public static TimeSpan Draw(this Random rng, DurationRange range) =>
        TimeSpan.FromTicks(range.Min.Ticks + (long)(rng.NextDouble() * (range.Max.Ticks - range.Min.Ticks)));

    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>An exponential gap with the given mean.</summary>
    public static double Exponential(this Random rng, double mean) => -mean * Math.Log(1.0 - rng.NextDouble());

    /// <summary>A Poisson count; the normal approximation above a mean of 30 is close enough for traffic volumes.</summary>
    public static int Poisson(this Random rng, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30)
        {
            double u1 = 1.0 - rng.NextDouble();
            double u2 = rng.NextDouble();
            double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(mean + (normal * Math.Sqrt(mean))));
        }

        double limit = Math.Exp(-mean);
        int k = 0;
        double product = rng.NextDouble();
        while (product > limit)
        {
            k++;
            product *= rng.NextDouble();
        }

        return k;
    }

    /// <summary>Shuffles in place (Fisher-Yates).</summary>
    public static void Shuffle<T>(this Random rng, IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Lowercase hex of the given length.</summary>
    public static string Hex(this Random rng, int length)
    {
        const string digits = "0123456789abcdef";
        return string.Create(length, rng, static (span, r) =>
        {
            for (int i = 0; i < span.Length; i++) span[i] = digits[r.Next(16)];
        });
    }
}
