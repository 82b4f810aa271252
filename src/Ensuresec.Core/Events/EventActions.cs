namespace Ensuresec.Core.Events;

/// <summary>The event.action values the detectors understand; docs/EVENTS.md is the reference.</summary>
public static class EventActions
{
    public const string HttpRequest = "http-request";
    public const string Login = "user-login";
    public const string Logout = "user-logout";
    public const string PasswordReset = "password-reset";
    public const string PasswordChange = "password-change";
    public const string EmailChange = "email-change";
    public const string AddressChange = "address-change";
    public const string AccountCreate = "account-create";
    public const string PaymentAttempt = "payment-attempt";

    /// <summary>A payment authorised but not yet captured (delayed capture); payment.*, order.id. Used by the workflow monitors.</summary>
    public const string PaymentAuthorise = "payment-authorise";

    /// <summary>Authorised money taken (captured); payment.*, order.id. A successful payment-attempt is a sale: authorised and captured at once.</summary>
    public const string PaymentCapture = "payment-capture";
    public const string Refund = "refund";
    public const string OrderCreate = "order-create";
    public const string ShipmentScan = "shipment-scan";
    public const string SensorReading = "sensor-reading";

    /// <summary>A browser's Content-Security-Policy violation report (POST /api/v1/csp-report); <c>csp.*</c> fields.</summary>
    public const string CspViolation = "csp-violation";

    /// <summary>
    /// A promotion, coupon or referral code entered at checkout or sign-up; <c>event.outcome</c> success when it was
    /// accepted (redeemed), failure when it was refused (unknown, expired, already used: <c>event.reason</c>); <c>promotion.*</c>.
    /// </summary>
    public const string PromotionRedeem = "promotion-redeem";

    /// <summary>An e-mail a customer reported (or a link they clicked in it): <c>user.name</c> the customer, <c>url.original</c> or <c>email.links</c> the links, <c>email.subject</c>.</summary>
    public const string EmailReported = "email-reported";

    /// <summary>A domain seen in a feed (certificate transparency, new registrations): <c>url.domain</c>, <c>domain.source</c>.</summary>
    public const string DomainObserved = "domain-observed";
}

/// <summary>The event.outcome values.</summary>
public static class EventOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Unknown = "unknown";
}
