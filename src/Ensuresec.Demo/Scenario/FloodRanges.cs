namespace Ensuresec.Demo.Scenario;

/// <summary>A request flood on the search page (normal search traffic is well under one request per second).</summary>
public sealed record FloodRanges
{
    /// <summary>Defaults: fast 1-3 addresses at 20-80 req/s for 2-15 min; slow 5-20 addresses at 3-10 req/s for 20-90 min.</summary>
    public PaceRanges Pace { get; init; } = new()
    {
        FastAddresses = new(1, 3),
        FastRate = new(20, 80),
        FastDuration = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(15)),
        SlowAddresses = new(5, 20),
        SlowRate = new(3, 10),
        SlowDuration = new(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(90)),
    };

    /// <summary>The flooded path.</summary>
    public string TargetPath { get; init; } = "/search";

    internal void Validate()
    {
        Pace.Validate("Flood");
        if (string.IsNullOrEmpty(TargetPath) || TargetPath[0] != '/') throw new ArgumentException("the target is an absolute path", nameof(TargetPath));
    }
}
