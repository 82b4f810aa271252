using Ensuresec.Core.Events;

namespace Ensuresec.Detection.Promotions;

/// <summary>The promotion fields (docs/EVENTS.md), read from an event's Extra; each value is cut to a safe length.</summary>
internal static class PromotionFields
{
    /// <summary>Longest code, device id or referrer kept; longer values are cut (state stays small whatever is sent).</summary>
    public const int MaxValue = 128;

    /// <summary>The entity kind of a device in findings (ECS device.id).</summary>
    public const string DeviceEntity = "device.id";

    /// <summary>promotion.code: the code entered, compared case-insensitively.</summary>
    public static string? Code(SecurityEvent e) => Cut(e.GetString("promotion.code")?.Trim().ToUpperInvariant());

    /// <summary>promotion.type: coupon, first-order, single-use or referral.</summary>
    public static string? Type(SecurityEvent e) => Cut(e.GetString("promotion.type")?.Trim().ToLowerInvariant());

    /// <summary>Whether a code may be used once per customer: promotion.single_use true, or type first-order, single-use or referral.</summary>
    public static bool SingleUse(SecurityEvent e) =>
        e.GetBool("promotion.single_use") ?? Type(e) is "first-order" or "single-use" or "referral" or "welcome";

    /// <summary>promotion.referrer: user.name of the account whose referral code this is.</summary>
    public static string? Referrer(SecurityEvent e) => Cut(e.GetString("promotion.referrer"));

    /// <summary>order.shipping_address: the address as typed (normalised by <see cref="AddressKey"/>).</summary>
    public static string? Address(SecurityEvent e) => AddressKey.Of(e.GetString("order.shipping_address"));

    /// <summary>device.id (ECS).</summary>
    public static string? Device(SecurityEvent e) => Cut(e.GetString("device.id"));

    public static string? Cut(string? value) => string.IsNullOrEmpty(value) ? null : value.Length > MaxValue ? value[..MaxValue] : value;
}
