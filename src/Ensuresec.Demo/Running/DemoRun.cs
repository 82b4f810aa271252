using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Demo.Scenario;
using Ensuresec.Demo.Scoring;

namespace Ensuresec.Demo.Running;

/// <summary>One seed run through the pipeline: what happened, what was found, and the score.</summary>
public sealed record DemoRun
{
    public required GroundTruth Truth { get; init; }

    public required ScenarioScore Score { get; init; }

    /// <summary>Findings in the order the pipeline emitted them.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    public required long Events { get; init; }

    public required IReadOnlyCollection<DetectorFault> Faults { get; init; }

    /// <summary>Time spent generating and detecting, as measured by the run's TimeProvider.</summary>
    public required TimeSpan Elapsed { get; init; }
}
