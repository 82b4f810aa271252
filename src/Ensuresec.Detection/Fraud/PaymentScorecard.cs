using Ensuresec.Learning.Linear;
using static Ensuresec.Detection.Fraud.PaymentFeatures;

namespace Ensuresec.Detection.Fraud;

/// <summary>
/// The built-in payment score when no trained model is configured: a logistic scorecard whose weights are set
/// by hand from what fraud analysts look for (velocity, many cards per customer or device, new device with a
/// large amount, country mismatch and distance, brand-new accounts). Log-odds add up: an ordinary payment (known device, usual
/// amount, one card, an old account) scores 0.7%; each signal multiplies the odds, and the reasons of a finding
/// are the features furthest above an ordinary payment's. Train a model on your own labelled
/// payments with `ensuresec ml train` and set detectors.payment-fraud.model-path to replace it.
/// </summary>
internal static class PaymentScorecard
{
    // Weight per unit of the feature, and the feature's value on an ordinary payment (the explanations' baseline).
    private static readonly (string Feature, double Weight, double Ordinary)[] Weights =
    [
        (CardAttempts1h, 0.15, 0),
        (CardDeclines1h, 0.8, 0),
        (CustomerAttempts24h, 0.05, 0),
        (CustomerCards24h, 0.9, 1),
        (AmountVsHistory, 0.8, 0),
        (DeviceCards24h, 0.6, 1),
        (DeviceCustomers24h, 0.8, 1),
        // Shared addresses (a university or carrier NAT) see dozens of cards a day: a weak signal per card.
        (AddressCards24h, 0.05, 1),
        (MerchantDeclineRatio1h, 1.0, 0),
        (NewDevice, 1.5, 0),
        (NewAddress, 0.7, 0),
        (CountryMismatch, 2.0, 0),
        (AccountAgeDays, -0.08, 30),
        (RecentFailures1h, 0.5, 0),
        // On top of the mismatch: the farther apart, the likelier (a neighbour country is common for cross-border shoppers).
        (CountryDistance, 0.12, 0),
    ];

    // The log-odds of an ordinary payment: about 0.7%.
    private const double Intercept = -5.0;

    public static LogisticModel Model { get; } = LogisticModel.FromCoefficients(
        Names, Intercept, [.. Names.Select(n => Weights.Single(w => w.Feature == n).Weight)], [.. Names.Select(n => Weights.Single(w => w.Feature == n).Ordinary)]);
}
