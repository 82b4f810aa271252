using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Flood;

/// <summary>
/// Settings of the request-flood detector (YAML: detectors.request-flood). A flood is one or a few sources
/// hammering one path at many times the learned baseline; a surge spread over many addresses and pages is not.
/// </summary>
public sealed record RequestFloodOptions
{
    /// <summary>Whether the detector runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Length of the counting window; the rate is estimated over a sliding window of this length.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Fewest requests from one address in a window that can be a flood, whatever the baseline (keeps small sites quiet).</summary>
    public int SourceMinRequests { get; init; } = 300;

    /// <summary>An address floods when it exceeds this many times the learned mean per-address rate (and the floor).</summary>
    public double SourceBaselineMultiplier { get; init; } = 10;

    /// <summary>Share of the address's requests that must go to its busiest path: a NAT of customers browses many pages, a flood hammers one.</summary>
    public double SourceMinTopPathShare { get; init; } = 0.6;

    /// <summary>Search-engine crawlers and uptime monitors must exceed the floor by this factor to be reported.</summary>
    public double KnownAgentFactor { get; init; } = 5;

    /// <summary>Fewest requests to one path in a window that can be a flood, whatever the baseline.</summary>
    public int PathMinRequests { get; init; } = 600;

    /// <summary>A path floods when it exceeds this many times its own learned rate (and the floor).</summary>
    public double PathBaselineMultiplier { get; init; } = 8;

    /// <summary>Windows a path must have been seen before its baseline is trusted; until then only the floor applies.</summary>
    public int PathWarmupWindows { get; init; } = 10;

    /// <summary>How many of a path's busiest sources are summed to tell a flood (few sources) from a flash sale (many).</summary>
    public int PathTopSources { get; init; } = 3;

    /// <summary>Share of a path's requests its busiest sources must account for; below it the surge is spread out and not reported.</summary>
    public double PathMinTopSourcesShare { get; init; } = 0.5;

    /// <summary>
    /// Lower floor for a path whose baseline is learned, when the surge is concentrated: a low-and-slow flood from a
    /// handful of addresses stays under <see cref="PathMinRequests"/> but is still many times the path's own rate.
    /// </summary>
    public int PathConcentratedMinRequests { get; init; } = 120;

    /// <summary>How many of a path's busiest sources may carry a concentrated flood.</summary>
    public int PathConcentratedSources { get; init; } = 20;

    /// <summary>Share of a path's requests those busiest sources must account for in a concentrated flood.</summary>
    public double PathConcentratedShare { get; init; } = 0.6;

    /// <summary>Fewest requests per window each of those sources sends on average: shoppers search once or twice, bots hammer.</summary>
    public double PathConcentratedMinPerSource { get; init; } = 5;

    /// <summary>Weight of each new window in the moving averages (EWMA); smaller learns slower.</summary>
    public double BaselineAlpha { get; init; } = 0.05;

    /// <summary>After a key fired, it fires again only after this long, unless the rate grew by <see cref="EscalationFactor"/>.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Growth of the rate that re-fires within the cool-down, at a higher severity.</summary>
    public double EscalationFactor { get; init; } = 4;

    /// <summary>Addresses idle this long are forgotten.</summary>
    public TimeSpan SourceIdleExpiry { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Paths idle this long are forgotten with their baseline.</summary>
    public TimeSpan PathIdleExpiry { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Most paths tracked per partition; new paths beyond it are ignored until old ones expire.</summary>
    public int MaxTrackedPaths { get; init; } = 20_000;

    /// <summary>Most addresses tracked per partition; new addresses beyond it are ignored until old ones expire.</summary>
    public int MaxTrackedSources { get; init; } = 200_000;

    /// <summary>Errors naming the property; empty when the options are usable.</summary>
    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Positive(errors, nameof(Window), Window);
        OptionChecks.AtLeast(errors, nameof(SourceMinRequests), SourceMinRequests, 1);
        OptionChecks.AtLeast(errors, nameof(SourceBaselineMultiplier), SourceBaselineMultiplier, 1);
        OptionChecks.Ratio(errors, nameof(SourceMinTopPathShare), SourceMinTopPathShare);
        OptionChecks.AtLeast(errors, nameof(KnownAgentFactor), KnownAgentFactor, 1);
        OptionChecks.AtLeast(errors, nameof(PathMinRequests), PathMinRequests, 1);
        OptionChecks.AtLeast(errors, nameof(PathBaselineMultiplier), PathBaselineMultiplier, 1);
        OptionChecks.AtLeast(errors, nameof(PathWarmupWindows), PathWarmupWindows, 0);
        OptionChecks.AtLeast(errors, nameof(PathTopSources), PathTopSources, 1);
        OptionChecks.Ratio(errors, nameof(PathMinTopSourcesShare), PathMinTopSourcesShare);
        OptionChecks.AtLeast(errors, nameof(PathConcentratedMinRequests), PathConcentratedMinRequests, 1);
        OptionChecks.AtLeast(errors, nameof(PathConcentratedSources), PathConcentratedSources, 1);
        OptionChecks.Ratio(errors, nameof(PathConcentratedShare), PathConcentratedShare);
        OptionChecks.AtLeast(errors, nameof(PathConcentratedMinPerSource), PathConcentratedMinPerSource, 1);
        if (double.IsNaN(BaselineAlpha) || BaselineAlpha <= 0 || BaselineAlpha > 1) errors.Add(new OptionsError(nameof(BaselineAlpha), $"must be in (0, 1] (was {BaselineAlpha})"));
        OptionChecks.Positive(errors, nameof(CoolDown), CoolDown);
        OptionChecks.AtLeast(errors, nameof(EscalationFactor), EscalationFactor, 1);
        OptionChecks.Positive(errors, nameof(SourceIdleExpiry), SourceIdleExpiry);
        OptionChecks.Positive(errors, nameof(PathIdleExpiry), PathIdleExpiry);
        OptionChecks.AtLeast(errors, nameof(MaxTrackedPaths), MaxTrackedPaths, 1);
        OptionChecks.AtLeast(errors, nameof(MaxTrackedSources), MaxTrackedSources, 1);
        return errors;
    }
}
