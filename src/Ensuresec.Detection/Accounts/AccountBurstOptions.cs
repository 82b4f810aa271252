using System.Globalization;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Accounts;

/// <summary>Settings of the new-account-burst detector (YAML: detectors.account-burst).</summary>
public sealed record AccountBurstOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Bursts are counted over the short window (a fast burst) ...</summary>
    public TimeSpan ShortWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>... and over the long window (a slow one).</summary>
    public TimeSpan LongWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Fewest accounts from one source in a window that can be a burst (a network, device, domain, stem or name).</summary>
    public int MinAccounts { get; init; } = 5;

    /// <summary>Fewest accounts reaching one mailbox (alice+1@, alice+2@ ...) that can be a burst.</summary>
    public int MinSameMailbox { get; init; } = 3;

    /// <summary>
    /// How unlikely the count must be given the source's own history: −log10 of the Poisson probability of at least
    /// that many sign-ups, when the source keeps its usual share of the site's sign-ups in the window (6: one in a million).
    /// </summary>
    public double MinSurprise { get; init; } = 6;

    /// <summary>How fast a source's history fades: a sign-up this old weighs half.</summary>
    public TimeSpan HistoryHalfLife { get; init; } = TimeSpan.FromDays(3);

    /// <summary>The share of the site's sign-ups a source never seen before is expected to carry, before any history.</summary>
    public double PriorShare { get; init; } = 0.01;

    /// <summary>How many sign-ups of history the prior share weighs (more: new sources are trusted to be ordinary for longer).</summary>
    public double PriorWeight { get; init; } = 5;

    /// <summary>
    /// Sign-ups the site must have seen before a window for that window's shares to mean anything: until then the
    /// sources that may rightly carry a large share (network addresses and networks, e-mail domains) are not judged.
    /// </summary>
    public int WarmUp { get; init; } = 50;

    /// <summary>A burst must also be this many times its expected count (shares drift; a tiny expectation makes any count unlikely).</summary>
    public double MinRatio { get; init; } = 3;

    /// <summary>
    /// A source that may rightly carry a crowd (a network address or network, an e-mail domain) is reported only when
    /// at least this share of the burst's accounts have something in common: one device, one name, one stem, one
    /// mailbox, throw-away domains or machine-made local parts. Distinct people behind a NAT share none of these;
    /// accounts made by one hand share at least one.
    /// </summary>
    public double MinCommonShare { get; init; } = 0.3;

    /// <summary>
    /// ... or when its count is beyond this surprise (−log10, as <see cref="MinSurprise"/>) with nothing in common.
    /// A campaign aimed at one group (students behind their university's NAT) shifts the mix of the site's sign-ups
    /// and can make a NAT's count one in 10^15 under its old share (eight hours at 40 sign-ups an hour, 8% of them
    /// through a NAT that brought 0.5%); a crowd of distinct people must be beyond that. Twenty accounts in an hour
    /// from an address never seen are one in 10^25 or less.
    /// </summary>
    public double MinCrowdSurprise { get; init; } = 20;

    /// <summary>How many reasons a finding names.</summary>
    public int Reasons { get; init; } = 3;

    /// <summary>Most sources remembered (all kinds together); the least recently seen go first.</summary>
    public int MaxKeys { get; init; } = 200_000;

    /// <summary>Most sign-ups remembered per source within the long window (the most recent).</summary>
    public int MaxEntriesPerKey { get; init; } = 512;

    /// <summary>More throw-away mail domains, besides the built-in list.</summary>
    public IReadOnlyList<string> DisposableDomains { get; init; } = [];

    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Positive(errors, nameof(ShortWindow), ShortWindow);
        OptionChecks.Positive(errors, nameof(LongWindow), LongWindow);
        if (ShortWindow >= LongWindow) errors.Add(new OptionsError(nameof(ShortWindow), $"must be shorter than long-window ({ShortWindow} >= {LongWindow})"));
        if (LongWindow > TimeSpan.FromDays(7)) errors.Add(new OptionsError(nameof(LongWindow), $"must be at most 7 days (was {LongWindow})"));
        OptionChecks.AtLeast(errors, nameof(MinAccounts), MinAccounts, 2);
        OptionChecks.AtLeast(errors, nameof(MinSameMailbox), MinSameMailbox, 2);
        OptionChecks.AtLeast(errors, nameof(MinSurprise), MinSurprise, 1);
        if (MinSurprise > Poisson.MaxSurprise) errors.Add(new OptionsError(nameof(MinSurprise), string.Create(CultureInfo.InvariantCulture, $"must be at most {Poisson.MaxSurprise} (was {MinSurprise})")));
        OptionChecks.Positive(errors, nameof(HistoryHalfLife), HistoryHalfLife);
        if (!(PriorShare is > 0 and <= 1)) errors.Add(new OptionsError(nameof(PriorShare), string.Create(CultureInfo.InvariantCulture, $"must be above 0 and at most 1 (was {PriorShare})")));
        OptionChecks.AtLeast(errors, nameof(PriorWeight), PriorWeight, 1);
        OptionChecks.AtLeast(errors, nameof(WarmUp), WarmUp, 0);
        OptionChecks.AtLeast(errors, nameof(MinRatio), MinRatio, 1);
        OptionChecks.Ratio(errors, nameof(MinCommonShare), MinCommonShare);
        if (!(MinCrowdSurprise >= MinSurprise && MinCrowdSurprise <= Poisson.MaxSurprise))
        {
            errors.Add(new OptionsError(nameof(MinCrowdSurprise), string.Create(CultureInfo.InvariantCulture, $"must be between min-surprise and {Poisson.MaxSurprise} (was {MinCrowdSurprise})")));
        }
        OptionChecks.AtLeast(errors, nameof(Reasons), Reasons, 1);
        OptionChecks.AtLeast(errors, nameof(MaxKeys), MaxKeys, 100);
        if (MaxKeys > 10_000_000) errors.Add(new OptionsError(nameof(MaxKeys), $"must be at most 10000000 (was {MaxKeys})"));
        OptionChecks.AtLeast(errors, nameof(MaxEntriesPerKey), MaxEntriesPerKey, 16);
        if (MaxEntriesPerKey > 100_000) errors.Add(new OptionsError(nameof(MaxEntriesPerKey), $"must be at most 100000 (was {MaxEntriesPerKey})"));
        if (MinAccounts > MaxEntriesPerKey) errors.Add(new OptionsError(nameof(MinAccounts), $"must not exceed max-entries-per-key ({MinAccounts} > {MaxEntriesPerKey})"));
        if (DisposableDomains is null) errors.Add(new OptionsError(nameof(DisposableDomains), "must be set"));
        else if (DisposableDomains.FirstOrDefault(d => string.IsNullOrWhiteSpace(d) || d.Contains('@', StringComparison.Ordinal)) is { } bad)
        {
            errors.Add(new OptionsError(nameof(DisposableDomains), $"'{bad}' is not a domain"));
        }

        return errors;
    }
}
