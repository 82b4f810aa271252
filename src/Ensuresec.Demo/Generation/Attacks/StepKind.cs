namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>What an attacker does in one step; each becomes one web request and, for the app actions, one app event.</summary>
internal enum StepKind : byte
{
    Request,
    Login,
    EmailChange,
    AddressChange,
    AccountCreate,
    Order,
    Payment,

    /// <summary>A refund issued by the shop's back office (one app event, no web request).</summary>
    Refund,

    /// <summary>A promotion code entered at checkout: the request and a promotion-redeem event (refused unless Success).</summary>
    PromotionRedeem,
}
