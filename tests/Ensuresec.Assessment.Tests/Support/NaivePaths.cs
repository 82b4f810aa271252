using Ensuresec.Assessment.Graph;

namespace Ensuresec.Assessment.Tests.Support;

/// <summary>
/// A plain recursive reference for the path code under test: every simple path from the attacker that ends at
/// the first goal it meets, with its likelihood. Optionally prunes below a likelihood (safe: likelihoods only fall).
/// </summary>
internal static class NaivePaths
{
    public static List<(List<int> Edges, double Likelihood)> All(AttackGraph g, IReadOnlySet<int> goals, IReadOnlySet<int> blocked, double minLikelihood = 0, int limit = 200_000)
    {
        var result = new List<(List<int>, double)>();
        var visited = new HashSet<int> { AttackGraph.AttackerNode };
        var path = new List<int>();

        void Walk(int node, double p)
        {
            if (result.Count >= limit) throw new InvalidOperationException("reference enumeration too large for a test");
            foreach (var e in g.Edges.Where(e => e.From == node && !blocked.Contains(e.Id)))
            {
                double q = p * e.Likelihood;
                if (visited.Contains(e.To) || q < minLikelihood) continue;
                path.Add(e.Id);
                if (goals.Contains(e.To)) result.Add((path.ToList(), q));
                else
                {
                    visited.Add(e.To);
                    Walk(e.To, q);
                    visited.Remove(e.To);
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        Walk(AttackGraph.AttackerNode, 1);
        return result;
    }
}
