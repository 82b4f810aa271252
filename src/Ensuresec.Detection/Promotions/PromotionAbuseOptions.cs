using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Promotions;

/// <summary>Settings of the promotion-abuse detector (YAML: detectors.promotion-abuse).</summary>
public sealed record PromotionAbuseOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>A redemption (ES-PRM-001) or referral (ES-PRM-002) scoring at or above this is reported.</summary>
    public double Threshold { get; init; } = 0.9;

    /// <summary>How many reasons a finding names.</summary>
    public int Reasons { get; init; } = 3;

    /// <summary>Redemptions of one code by linked accounts count together within this window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(14);

    /// <summary>An account created less than this before it redeems is new.</summary>
    public TimeSpan NewAccountAge { get; init; } = TimeSpan.FromDays(2);

    /// <summary>ES-PRM-003: refused codes from one address, device or account within <see cref="GuessWindow"/> ...</summary>
    public int MinRefused { get; init; } = 15;

    /// <summary>... of at least this many distinct codes, is code guessing.</summary>
    public int MinDistinctCodes { get; init; } = 10;

    public TimeSpan GuessWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Most devices, cards, addresses, network addresses, accounts and guessing sources remembered each; the least recently seen go first.</summary>
    public int MaxKeys { get; init; } = 100_000;

    /// <summary>Most sightings remembered per device, card, address or network address (the most recent).</summary>
    public int MaxEntriesPerKey { get; init; } = 64;

    /// <summary>A code and link, or a guessing source, once reported is reported again only after this long.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromDays(1);

    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Ratio(errors, nameof(Threshold), Threshold);
        OptionChecks.AtLeast(errors, nameof(Reasons), Reasons, 1);
        OptionChecks.Positive(errors, nameof(Window), Window);
        OptionChecks.Positive(errors, nameof(NewAccountAge), NewAccountAge);
        OptionChecks.AtLeast(errors, nameof(MinRefused), MinRefused, 2);
        OptionChecks.AtLeast(errors, nameof(MinDistinctCodes), MinDistinctCodes, 2);
        if (MinDistinctCodes > MinRefused) errors.Add(new OptionsError(nameof(MinDistinctCodes), $"must not exceed min-refused ({MinDistinctCodes} > {MinRefused})"));
        OptionChecks.Positive(errors, nameof(GuessWindow), GuessWindow);
        OptionChecks.AtLeast(errors, nameof(MaxKeys), MaxKeys, 100);
        OptionChecks.AtLeast(errors, nameof(MaxEntriesPerKey), MaxEntriesPerKey, 8);
        if (MaxEntriesPerKey > 100_000) errors.Add(new OptionsError(nameof(MaxEntriesPerKey), $"must be at most 100000 (was {MaxEntriesPerKey})"));
        if (MaxKeys > 10_000_000) errors.Add(new OptionsError(nameof(MaxKeys), $"must be at most 10000000 (was {MaxKeys})"));
        if (MinRefused >= MaxEntriesPerKey) errors.Add(new OptionsError(nameof(MinRefused), $"must be below max-entries-per-key ({MinRefused} >= {MaxEntriesPerKey})"));
        OptionChecks.Positive(errors, nameof(CoolDown), CoolDown);
        return errors;
    }
}
