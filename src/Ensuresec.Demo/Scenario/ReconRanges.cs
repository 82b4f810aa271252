namespace Ensuresec.Demo.Scenario;

/// <summary>Reconnaissance and forced browsing: requests for sensitive paths that mostly answer 404.</summary>
public sealed record ReconRanges
{
    /// <summary>Defaults: fast 1-3 addresses at 0.5-8 req/s for 5-45 min; slow 1-2 addresses at one request per 30 s to 5 min for 6-36 h.</summary>
    public PaceRanges Pace { get; init; } = new()
    {
        FastAddresses = new(1, 3),
        FastRate = new(0.5, 8),
        FastDuration = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(45)),
        SlowAddresses = new(1, 2),
        SlowRate = new(1 / 300.0, 1 / 30.0),
        SlowDuration = new(TimeSpan.FromHours(6), TimeSpan.FromHours(36)),
    };

    /// <summary>Chance that the scanner announces itself (Nikto, Nuclei, sqlmap...) rather than posing as a browser.</summary>
    public double ScannerAgentShare { get; init; } = 0.6;

    internal void Validate()
    {
        Pace.Validate("Recon");
        if (!(ScannerAgentShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(ScannerAgentShare), ScannerAgentShare, "0..1");
    }
}
