using Ensuresec.Learning.Data;

namespace Ensuresec.Learning.Trees;

/// <summary>
/// Maps each feature's values to at most <c>maxBins</c> ordered bins (histogram split finding). Bin k holds the
/// values v with <c>Upper[k-1] &lt; v &lt;= Upper[k]</c>; the last bin has no upper bound. A split after bin k is
/// therefore the real threshold <c>v &lt;= Upper[k]</c>, which is what the trained trees store.
/// </summary>
internal sealed class BinMapper
{
    private BinMapper(float[][] upper) => Upper = upper;

    /// <summary>Per feature, the upper bounds of every bin but the last (empty for a constant feature).</summary>
    public float[][] Upper { get; }

    /// <summary>
    /// Bins of equal row count per feature or, with <paramref name="weights"/> (one per row), of equal weight: the
    /// weighted quantile sketch of XGBoost (Chen and Guestrin 2016, section 3.3), where the weights are the rows'
    /// hessians, so bins are narrow where the model is still unsure and wide where every row is already settled.
    /// </summary>
    public static BinMapper Fit(FeatureMatrix x, int maxBins, int threads, float[]? weights = null)
    {
        if (maxBins is < 2 or > 65_536) throw new ArgumentOutOfRangeException(nameof(maxBins), "bins must be from 2 to 65536");
        if (weights is not null && weights.Length != x.Rows) throw new ArgumentException("one weight per row", nameof(weights));
        var upper = new float[x.Columns][];
        Parallel.For(0, x.Columns, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            var column = new float[x.Rows];
            for (int r = 0; r < x.Rows; r++) column[r] = x[r, f];
            var weight = weights is null ? null : (float[])weights.Clone();
            if (weight is null) Array.Sort(column);
            else Array.Sort(column, weight);
            upper[f] = Bounds(column, weight, maxBins);
        });
        return new BinMapper(upper);
    }

    // Distinct values first; with few of them each gets its own bin (split midway), else equal-weight quantiles.
    private static float[] Bounds(float[] sorted, float[]? weight, int maxBins)
    {
        var distinct = new List<float>();
        var counts = new List<double>();
        for (int i = 0; i < sorted.Length; i++)
        {
            float v = sorted[i];
            double w = weight is null ? 1 : weight[i];
            if (distinct.Count > 0 && distinct[^1] == v) counts[^1] += w;
            else
            {
                distinct.Add(v);
                counts.Add(w);
            }
        }

        var bounds = new List<float>();
        if (distinct.Count <= maxBins)
        {
            for (int i = 0; i + 1 < distinct.Count; i++) bounds.Add(Midpoint(distinct[i], distinct[i + 1]));
            return [.. bounds];
        }

        // Walk the distinct values, closing a bin once it holds its share of the weight not yet binned, the share
        // recomputed after each bin: a value that fills many bins' worth on its own (a mass of zeros) then leaves the
        // remaining bins to resolve the rest of the range finely.
        double total = 0;
        foreach (double c in counts) total += c;
        double seen = 0, binStart = 0;
        for (int i = 0; i + 1 < distinct.Count && bounds.Count < maxBins - 1; i++)
        {
            seen += counts[i];
            double share = (total - binStart) / (maxBins - bounds.Count);
            if (seen - binStart >= share)
            {
                bounds.Add(Midpoint(distinct[i], distinct[i + 1]));
                binStart = seen;
            }
        }

        return [.. bounds];
    }

    private static float Midpoint(float a, float b)
    {
        float m = (float)((a + (double)b) / 2);
        // Rounding can land the midpoint on b; the bound must keep a on the left and b on the right.
        return m >= b ? a : m;
    }

    /// <summary>The bin of value v for feature f.</summary>
    public ushort BinOf(int f, float v)
    {
        var bounds = Upper[f];
        int lo = 0, hi = bounds.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (v <= bounds[mid]) hi = mid;
            else lo = mid + 1;
        }

        return (ushort)lo;
    }

    /// <summary>The binned matrix, one column of bin numbers per feature.</summary>
    public ushort[][] Transform(FeatureMatrix x, int threads)
    {
        var columns = new ushort[x.Columns][];
        Parallel.For(0, x.Columns, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            var column = new ushort[x.Rows];
            for (int r = 0; r < x.Rows; r++) column[r] = BinOf(f, x[r, f]);
            columns[f] = column;
        });
        return columns;
    }
}
