namespace Ensuresec.Demo.Scenario;

/// <summary>The hard benign cases of the scenario, so that tests and reports can point at them.</summary>
public sealed record BenignCases
{
    /// <summary>Addresses shared by many customers (a university NAT and a mobile carrier's CGNAT pool).</summary>
    public required IReadOnlyList<string> NatAddresses { get; init; }

    /// <summary>The flash sale window.</summary>
    public required DateTimeOffset FlashSaleStart { get; init; }

    public required DateTimeOffset FlashSaleEnd { get; init; }

    /// <summary>The flash sale's traffic multiplier.</summary>
    public required double FlashSaleMultiplier { get; init; }

    /// <summary>Search-engine crawler addresses (Googlebot, bingbot).</summary>
    public required IReadOnlyList<string> CrawlerAddresses { get; init; }

    /// <summary>Uptime monitor addresses.</summary>
    public required IReadOnlyList<string> MonitorAddresses { get; init; }

    /// <summary>The hard benign cases of the pharmacy and bank scenarios, one line each (empty for the retailer).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
