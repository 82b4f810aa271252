namespace Ensuresec.Learning.Text;

/// <summary>A sparse vector: the nonzero entries' indices, ascending, and their values.</summary>
public sealed record SparseVector(int[] Indices, double[] Values)
{
    public int Count => Indices.Length;

    public double Dot(double[] weights)
    {
        double sum = 0;
        for (int k = 0; k < Indices.Length; k++) sum += weights[Indices[k]] * Values[k];
        return sum;
    }

    public double SquaredNorm()
    {
        double sum = 0;
        foreach (double v in Values) sum += v * v;
        return sum;
    }

    /// <summary>weights += factor · this.</summary>
    public void AddTo(double[] weights, double factor)
    {
        for (int k = 0; k < Indices.Length; k++) weights[Indices[k]] += factor * Values[k];
    }
}
