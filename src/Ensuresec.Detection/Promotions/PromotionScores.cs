using System.Globalization;
using Ensuresec.Detection.Accounts;

namespace Ensuresec.Detection.Promotions;

/// <summary>
/// The hand-set scorecards of the promotion-abuse detector. An ordinary redemption (no other account redeemed
/// the code through the same device, card, address or network address) scores 0.4%; a household of three at one
/// address and one home connection about 13%; a code redeemed by the same device or card three times, by new
/// accounts, above 0.9. A referral scores by what its referee shares with the referrer: a device or card alone is
/// enough, an address needs a second sign (a new account, the same connection), a network address alone never is.
/// </summary>
internal static class PromotionScores
{
    public const string SameDevice = "accounts_same_code_same_device";
    public const string SameCard = "accounts_same_code_same_card";
    public const string SameAddress = "accounts_same_code_same_address";
    public const string SameIp = "accounts_same_code_same_ip";
    public const string NewAccount = "new_account";
    public const string SingleUse = "single_use_promotion";

    public const string RefDevice = "referrer_same_device";
    public const string RefCard = "referrer_same_card";
    public const string RefAddress = "referrer_same_address";
    public const string RefIp = "referrer_same_ip";

    /// <summary>Counts above this add nothing more (one abuser with 40 accounts is no surer than with 10).</summary>
    public const float MaxCount = 10;

    public static ExplainedScore Redemption { get; } = new(-5.5,
    [
        (SameDevice, 1.8, 0), (SameCard, 1.8, 0), (SameAddress, 0.9, 0), (SameIp, 0.3, 0), (NewAccount, 1.0, 0), (SingleUse, 1.4, 0),
    ], Describe);

    public static ExplainedScore Referral { get; } = new(-3.0,
    [
        (RefDevice, 5.5, 0), (RefCard, 5.5, 0), (RefAddress, 4.5, 0), (RefIp, 1.0, 0), (NewAccount, 1.0, 0),
    ], Describe);

    public static string Describe(string feature, float value) => feature switch
    {
        SameDevice => I($"{value:0} other accounts redeemed this code from the same device"),
        SameCard => I($"{value:0} other accounts redeemed this code paying with the same card"),
        SameAddress => I($"{value:0} other accounts redeemed this code shipping to the same address"),
        SameIp => I($"{value:0} other accounts redeemed this code from the same network address"),
        NewAccount => value > 0 ? "the account is new" : "the account is not new",
        SingleUse => value > 0 ? "the promotion is meant once per customer" : "the promotion may be used repeatedly",
        RefDevice => "the referrer used the same device",
        RefCard => "the referrer used the same card",
        RefAddress => "the referrer used the same shipping address",
        RefIp => "the referrer used the same network address",
        _ => I($"{feature} = {value}"),
    };

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
