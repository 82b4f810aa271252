using Ensuresec.Learning.Linear;
using static Ensuresec.Detection.Fraud.PaymentFeatures;

namespace Ensuresec.Detection.Fraud;

/// <summary>
/// The built-in payment score when no trained model is configured: a logistic scorecard whose weights are set
/// by hand from what fraud analysts look for (velocity, many cards per customer or device, new device with a
/// large amount, country mismatch, brand-new accounts). Log-odds add up: an ordinary payment (known device, usual
/// amount, one card, an old account) scores below 1%; each signal multiplies the odds. Train a model on your own labelled
/// payments with `ensuresec ml train` and set detectors.payment-fraud.model-path to replace it.
/// </summary>
internal static class PaymentScorecard
{
    private static readonly (string Feature, double Weight)[] Weights =
    [
        (CardAttempts1h, 0.15),
        (CardDeclines1h, 0.8),
        (CustomerAttempts24h, 0.05),
        (CustomerCards24h, 0.9),
        (AmountVsHistory, 0.8),
        (DeviceCards24h, 0.6),
        (DeviceCustomers24h, 0.8),
        (AddressCards24h, 0.3),
        (MerchantDeclineRatio1h, 1.0),
        (NewDevice, 1.5),
        (NewAddress, 0.7),
        (CountryMismatch, 2.0),
        (AccountAgeDays, -0.08),
        (RecentFailures1h, 0.5),
    ];

    // An ordinary payment: one card (the customer's and the device's), known device and address, old account.
    private const double Intercept = -5.2;

    public static LogisticModel Model { get; } = LogisticModel.FromCoefficients(
        Names, Intercept, [.. Names.Select(n => Weights.Single(w => w.Feature == n).Weight)]);
}
