namespace Ensuresec.Assessment.Graph;

/// <summary>How attack paths are ranked: likeliest first, or least attacker effort first.</summary>
public enum PathRanking
{
    Likelihood,
    Effort,
}

/// <summary>A path from the attacker to a harm on a crown jewel: its steps (edge ids), likelihood and effort.</summary>
public sealed record AttackPath(IReadOnlyList<int> Edges, double Likelihood, double Effort, int Goal)
{
    /// <summary>Likelihood times the impact (1-5) of the asset harmed.</summary>
    public double Risk(AttackGraph graph) => Likelihood * (graph?.Nodes[Goal].Element?.Impact ?? 1);
}
