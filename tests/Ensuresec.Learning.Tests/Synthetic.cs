using Ensuresec.Learning.Data;

namespace Ensuresec.Learning.Tests;

/// <summary>Seeded synthetic data sets with a known structure.</summary>
internal static class Synthetic
{
    /// <summary>
    /// Rows of uniform features; the label is 1 when x0 &gt; 0.6 and x1 &lt; 0.5 (an interaction a linear model
    /// misses), flipped with probability <paramref name="noise"/>. Features from x2 on are pure noise.
    /// </summary>
    public static LabeledData Interaction(int rows, int columns, int seed, double noise = 0.02)
    {
        var random = new Random(seed);
        var values = new float[rows * columns];
        var labels = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) values[(r * columns) + c] = (float)random.NextDouble();
            bool positive = values[r * columns] > 0.6 && values[(r * columns) + 1] < 0.5;
            if (random.NextDouble() < noise) positive = !positive;
            labels[r] = positive ? 1 : 0;
        }

        return new LabeledData(new FeatureMatrix(values, rows, Names(columns)), labels);
    }

    /// <summary>A logistic model's data: P(y=1) = σ(w·x + b) with standard normal features.</summary>
    public static LabeledData Logistic(int rows, double[] w, double b, int seed)
    {
        var random = new Random(seed);
        int d = w.Length;
        var values = new float[rows * d];
        var labels = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            double m = b;
            for (int c = 0; c < d; c++)
            {
                double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                values[(r * d) + c] = (float)z;
                m += w[c] * (float)z;
            }

            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-m)) ? 1 : 0;
        }

        return new LabeledData(new FeatureMatrix(values, rows, Names(d)), labels);
    }

    public static string[] Names(int columns) => [.. Enumerable.Range(0, columns).Select(c => $"x{c}")];
}
