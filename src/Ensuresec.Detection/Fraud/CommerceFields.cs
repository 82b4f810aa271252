using Ensuresec.Core.Events;

namespace Ensuresec.Detection.Fraud;

/// <summary>Our payment, refund and delivery fields (docs/EVENTS.md), read from an event's Extra.</summary>
internal static class CommerceFields
{
    public static string? PaymentId(SecurityEvent e) => e.GetString("payment.id");

    public static string? OrderId(SecurityEvent e) => e.GetString("order.id");

    public static string? RefundId(SecurityEvent e) => e.GetString("refund.id") ?? e.Id;

    public static decimal? RefundAmount(SecurityEvent e) => e.GetDecimal("refund.amount");

    public static string? RefundPaymentId(SecurityEvent e) => e.GetString("refund.payment_id");

    /// <summary>Fingerprint of the instrument receiving the money.</summary>
    public static string? RefundDestination(SecurityEvent e) => e.GetString("refund.destination");

    /// <summary>user.name of the staff member who approved the refund.</summary>
    public static string? RefundApprover(SecurityEvent e) => e.GetString("refund.approver");

    /// <summary>Who asked for the refund: a staff user.name, or the customer.</summary>
    public static string? RefundRequester(SecurityEvent e) => e.GetString("refund.requester");

    public static bool IsDelivery(SecurityEvent e) =>
        e.Action == EventActions.ShipmentScan && string.Equals(e.GetString("shipment.status"), "delivered", StringComparison.OrdinalIgnoreCase);

    /// <summary>device.id (ECS): the shop's device fingerprint of the client.</summary>
    public static string? DeviceId(SecurityEvent e) => e.GetString("device.id");

    /// <summary>merchant.id (ours): the merchant or store front the payment was made to.</summary>
    public static string? MerchantId(SecurityEvent e) => e.GetString("merchant.id");

    /// <summary>ISO country of the card's billing address (payment.billing_country, ours).</summary>
    public static string? BillingCountry(SecurityEvent e) => e.GetString("payment.billing_country");

    /// <summary>ISO country of the shipping address (order.shipping_country, ours), else the client's (source.geo.country_iso_code).</summary>
    public static string? AddressCountry(SecurityEvent e) => e.GetString("order.shipping_country") ?? e.GetString("source.geo.country_iso_code");
}
