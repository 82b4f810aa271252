using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Payments;

/// <summary>Settings of the card-testing detector (YAML: detectors.card-testing).</summary>
public sealed record CardTestingOptions
{
    /// <summary>Whether the detector runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Sliding window over which payment attempts are counted.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Payment attempts from one address or account in the window before it can be card testing.</summary>
    public int MinAttempts { get; init; } = 8;

    /// <summary>Distinct cards from one address or account in the window (a customer tries one or two).</summary>
    public int MinDistinctCards { get; init; } = 4;

    /// <summary>Share of attempts declined; card testers mostly hit dead cards.</summary>
    public double MinFailureRatio { get; init; } = 0.5;

    /// <summary>An amount at or below this (in major units, any currency) is a probe amount.</summary>
    public decimal SmallAmount { get; init; } = 5.00m;

    /// <summary>Share of small amounts that marks testing even when most attempts pass.</summary>
    public double MinSmallAmountShare { get; init; } = 0.7;

    /// <summary>
    /// An account paying with at most this many distinct cards, none at a probe amount, is a customer paying for
    /// itself: its attempts are left out of the address and account rules' counts (many customers behind one
    /// address each bring their own card; a tester cycles many cards through a guest checkout or a few accounts).
    /// </summary>
    public int MaxCardsPerCustomer { get; init; } = 2;

    /// <summary>Attempts on one card in the window before the card rule looks at it.</summary>
    public int CardMinAttempts { get; init; } = 5;

    /// <summary>Distinct addresses using one card in the window that make it a tested card.</summary>
    public int CardMinDistinctAddresses { get; init; } = 3;

    /// <summary>After a key fired, it fires again only after this long (or when its count grew by <see cref="EscalationFactor"/>).</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Growth of the count that re-fires within the cool-down.</summary>
    public double EscalationFactor { get; init; } = 5;

    /// <summary>Most attempts remembered per key.</summary>
    public int MaxEntriesPerKey { get; init; } = 10_000;

    /// <summary>Long window of the low-and-slow rule (ES-PAY-004): one probe every few minutes for hours.</summary>
    public TimeSpan SlowWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Distinct cards from one address or account in <see cref="SlowWindow"/> for the slow rule.</summary>
    public int SlowMinDistinctCards { get; init; } = 8;

    /// <summary>
    /// Share declined for the slow rule. Stricter than <see cref="MinFailureRatio"/>, and small amounts are required
    /// too, because a shared address (a carrier NAT) gathers many cards in a day, mostly paying normal amounts.
    /// </summary>
    public double SlowMinFailureRatio { get; init; } = 0.75;

    /// <summary>Errors naming the property; empty when the options are usable.</summary>
    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Positive(errors, nameof(Window), Window);
        OptionChecks.AtLeast(errors, nameof(MinAttempts), MinAttempts, 2);
        OptionChecks.AtLeast(errors, nameof(MinDistinctCards), MinDistinctCards, 1);
        OptionChecks.Ratio(errors, nameof(MinFailureRatio), MinFailureRatio);
        if (SmallAmount < 0) errors.Add(new OptionsError(nameof(SmallAmount), $"must not be negative (was {SmallAmount})"));
        OptionChecks.Ratio(errors, nameof(MinSmallAmountShare), MinSmallAmountShare);
        OptionChecks.AtLeast(errors, nameof(MaxCardsPerCustomer), MaxCardsPerCustomer, 0);
        if (MaxCardsPerCustomer >= MinDistinctCards) errors.Add(new OptionsError(nameof(MaxCardsPerCustomer), $"must be below min-distinct-cards ({MaxCardsPerCustomer} >= {MinDistinctCards})"));
        OptionChecks.AtLeast(errors, nameof(CardMinAttempts), CardMinAttempts, 2);
        OptionChecks.AtLeast(errors, nameof(CardMinDistinctAddresses), CardMinDistinctAddresses, 2);
        OptionChecks.Positive(errors, nameof(CoolDown), CoolDown);
        OptionChecks.AtLeast(errors, nameof(EscalationFactor), EscalationFactor, 1);
        OptionChecks.AtLeast(errors, nameof(MaxEntriesPerKey), MaxEntriesPerKey, 16);
        OptionChecks.Positive(errors, nameof(SlowWindow), SlowWindow);
        if (SlowWindow < Window) errors.Add(new OptionsError(nameof(SlowWindow), $"must not be shorter than window (was {SlowWindow})"));
        OptionChecks.AtLeast(errors, nameof(SlowMinDistinctCards), SlowMinDistinctCards, 2);
        OptionChecks.Ratio(errors, nameof(SlowMinFailureRatio), SlowMinFailureRatio);
        return errors;
    }
}
