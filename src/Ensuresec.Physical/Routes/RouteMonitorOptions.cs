using Ensuresec.Physical.Common;

namespace Ensuresec.Physical.Routes;

/// <summary>Settings of the route monitor (YAML: detectors.route-monitor).</summary>
public sealed record RouteMonitorOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Half-width of the corridor around the planned path, metres, when the plan does not give route.corridor_m.</summary>
    public double CorridorMetres { get; init; } = 500;

    /// <summary>How long a vehicle must stay outside the corridor before it is a deviation (a wrong turn is not).</summary>
    public TimeSpan MinDeviation { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>
    /// How far along the route a vehicle may be ahead of the distance it drove since it was last on it, metres: GPS
    /// noise, and roads that a plan draws straighter than they are.
    /// </summary>
    public double ProgressSlackMetres { get; init; } = 1_000;

    /// <summary>How far back along the route a vehicle may drive and still be on it, metres (turning after a missed turn).</summary>
    public double BacktrackMetres { get; init; } = 1_000;

    /// <summary>Or this many metres driven outside the corridor, however fast: a deviation (a wrong turn is not).</summary>
    public double MinDeviationMetres { get; init; } = 2_000;

    /// <summary>A vehicle that stays within this many metres is stopped.</summary>
    public double StopRadiusMetres { get; init; } = 80;

    /// <summary>How long a stop lasts before it is reported when it is not at a depot or planned stop.</summary>
    public TimeSpan MinStop { get; init; } = TimeSpan.FromMinutes(12);

    /// <summary>How near a depot or planned stop counts as being there, metres.</summary>
    public double PlaceRadiusMetres { get; init; } = 250;

    /// <summary>A GPS position older than this does not place a door opening.</summary>
    public TimeSpan PositionMaxAge { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A plan applies for this long after it was sent (or until the next plan for the vehicle).</summary>
    public TimeSpan PlanValidity { get; init; } = TimeSpan.FromHours(18);

    public IReadOnlyList<OptionProblem> Validate()
    {
        var p = new List<OptionProblem>();
        Check.Range(p, "corridor-metres", CorridorMetres, 1, 100_000);
        Check.Range(p, "stop-radius-metres", StopRadiusMetres, 1, 10_000);
        Check.Range(p, "place-radius-metres", PlaceRadiusMetres, 1, 100_000);
        Check.Range(p, "progress-slack-metres", ProgressSlackMetres, 0, 100_000);
        Check.Range(p, "backtrack-metres", BacktrackMetres, 0, 100_000);
        Check.Positive(p, "min-deviation", MinDeviation);
        Check.Range(p, "min-deviation-metres", MinDeviationMetres, 1, 1_000_000);
        Check.Positive(p, "min-stop", MinStop);
        Check.Positive(p, "position-max-age", PositionMaxAge);
        Check.Positive(p, "plan-validity", PlanValidity);
        return p;
    }
}
