namespace Ensuresec.Learning.Metrics;

/// <summary>Confusion counts at a threshold.</summary>
public sealed record Confusion(double Threshold, long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);

    public double Accuracy => (double)(TruePositives + TrueNegatives) / Math.Max(1, TruePositives + FalsePositives + TrueNegatives + FalseNegatives);
}
