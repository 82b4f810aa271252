namespace Ensuresec.Assessment.Graph;

/// <summary>A recommended control on one element, its cost and how many of the paths above the threshold it cuts.</summary>
public sealed record ChosenControl(CandidateControl Candidate, string ControlName, string ElementName, double Cost, int PathsCut);

/// <summary>
/// The cheapest set of controls found that cuts every path above the risk threshold. <see cref="Method"/> says
/// whether it is a proven minimum ("exact") or a greedy cover; paths no catalogue control can cut are listed apart.
/// </summary>
public sealed record ControlPlan(
    IReadOnlyList<ChosenControl> Controls,
    double TotalCost,
    string Method,
    int PathsAboveThreshold,
    IReadOnlyList<AttackPath> Uncuttable,
    bool Truncated)
{
    public IReadOnlySet<CandidateControl> Candidates => Controls.Select(c => c.Candidate).ToHashSet();
}
