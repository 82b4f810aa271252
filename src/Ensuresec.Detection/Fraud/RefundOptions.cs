using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Fraud;

/// <summary>Settings of the refund-abuse and insider-fraud detectors (YAML: detectors.refund-abuse, detectors.insider-fraud).</summary>
public sealed record RefundOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>How long payments, deliveries and card payers are remembered (refunds come weeks after payment).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(120);

    /// <summary>Most payments remembered.</summary>
    public int MaxPayments { get; init; } = 2_000_000;

    /// <summary>Window over which repeated refunds are counted (no-delivery refunds per customer, one destination per approver).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Refunds of undelivered orders to one customer in the window that make serial refund abuse (ES-REF-002).</summary>
    public int NoDeliveryRefunds { get; init; } = 2;

    /// <summary>Refunds from one approver, not back to the paying card, to one destination in the window (ES-INS-002).</summary>
    public int RepeatedDestinationRefunds { get; init; } = 2;

    /// <summary>Refunded above the paid amount by more than this is flagged (rounding of currency conversions).</summary>
    public decimal Tolerance { get; init; } = 0.01m;

    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Positive(errors, nameof(Retention), Retention);
        OptionChecks.AtLeast(errors, nameof(MaxPayments), MaxPayments, 100);
        OptionChecks.Positive(errors, nameof(Window), Window);
        OptionChecks.AtLeast(errors, nameof(NoDeliveryRefunds), NoDeliveryRefunds, 1);
        OptionChecks.AtLeast(errors, nameof(RepeatedDestinationRefunds), RepeatedDestinationRefunds, 2);
        if (Tolerance < 0) errors.Add(new OptionsError(nameof(Tolerance), "must not be negative"));
        return errors;
    }
}
