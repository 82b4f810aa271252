using System.Globalization;

namespace Ensuresec.Detection.Fraud;

/// <summary>
/// The features the payment-fraud detector computes online for each payment attempt, from what it saw before
/// it (never after). A model file for the detector must use these names; they are also what `ml score` reads.
/// </summary>
public static class PaymentFeatures
{
    public const string CardAttempts1h = "card_attempts_1h";
    public const string CardDeclines1h = "card_declines_1h";
    public const string CustomerAttempts24h = "customer_attempts_24h";
    public const string CustomerCards24h = "customer_distinct_cards_24h";
    public const string AmountVsHistory = "amount_log2_vs_customer_mean";
    public const string DeviceCards24h = "device_distinct_cards_24h";
    public const string DeviceCustomers24h = "device_distinct_customers_24h";
    public const string AddressCards24h = "address_distinct_cards_24h";
    public const string MerchantDeclineRatio1h = "merchant_decline_ratio_1h";
    public const string NewDevice = "new_device";
    public const string NewAddress = "new_address";
    public const string CountryMismatch = "country_mismatch";
    public const string AccountAgeDays = "account_age_days_capped_30";
    public const string RecentFailures1h = "customer_failures_1h";

    /// <summary>Great-circle distance between the billing country and the address's country, in thousands of km (0 when either is unknown).</summary>
    public const string CountryDistance = "country_distance_1000km";

    /// <summary>All feature names, in the order of the vectors the detector builds.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        CardAttempts1h, CardDeclines1h, CustomerAttempts24h, CustomerCards24h, AmountVsHistory, DeviceCards24h, DeviceCustomers24h,
        AddressCards24h, MerchantDeclineRatio1h, NewDevice, NewAddress, CountryMismatch, AccountAgeDays, RecentFailures1h, CountryDistance,
    ];

    /// <summary>What a feature's value means, in words, for the reasons of a finding.</summary>
    public static string Describe(string feature, float value) => feature switch
    {
        CardAttempts1h => I($"the card was used {value:0} times in the hour before"),
        CardDeclines1h => I($"the card was declined {value:0} times in the hour before"),
        CustomerAttempts24h => I($"the customer made {value:0} payment attempts in the day before"),
        CustomerCards24h => I($"the customer used {value:0} different cards in a day"),
        AmountVsHistory => value > 0 ? I($"the amount is {Math.Pow(2, value):0.#} times the customer's usual amount") : "the amount is within the customer's usual range",
        DeviceCards24h => I($"the device used {value:0} different cards in a day"),
        DeviceCustomers24h => I($"the device was used by {value:0} different customers in a day"),
        AddressCards24h => I($"the network address used {value:0} different cards in a day"),
        MerchantDeclineRatio1h => I($"{value * 100:0}% of the merchant's payments were declined in the last hour"),
        NewDevice => value > 0 ? "the customer has never used this device before" : "a device the customer has used before",
        NewAddress => value > 0 ? "the customer has never paid from this network address before" : "a known network address",
        CountryMismatch => value > 0 ? "the billing country differs from the address's country" : "the billing and address countries match",
        AccountAgeDays => value < 1 ? "the account is less than a day old" : I($"the account is {value:0} days old"),
        RecentFailures1h => I($"the customer had {value:0} failed logins or declined payments in the hour before"),
        CountryDistance => value > 0 ? I($"the billing country is {value * 1000:#,0} km from the address's country") : "the billing and address countries are the same or unknown",
        _ => I($"{feature} = {value}"),
    };

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
