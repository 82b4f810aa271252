using Ensuresec.Core.Events;

namespace Ensuresec.Demo.Generation.Promotions;

/// <summary>One planned sign-up or promotion redemption (benign or not): what the shop's events will carry.</summary>
internal sealed record PromoAction(
    long Ticks, bool Signup, string Ip, string Agent, string User, string? Email, string Device, string? Card = null,
    string? Code = null, string? Type = null, string? Address = null, string? Referrer = null, bool Success = true)
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    public void Write(EventFactory f)
    {
        if (Signup)
        {
            f.Http(Ticks, Ip, Agent, "POST", "/account/register", null, 302, 0);
            f.App(Ticks + (5 * Ms), EventActions.AccountCreate, true, Ip, Agent, User, Email, fields: [new("device.id", Device)]);
            return;
        }

        var fields = new List<KeyValuePair<string, string>> { new("promotion.code", Code!), new("device.id", Device) };
        if (Type is not null) fields.Add(new("promotion.type", Type));
        if (Address is not null) fields.Add(new("order.shipping_address", Address));
        if (Referrer is not null) fields.Add(new("promotion.referrer", Referrer));
        f.Http(Ticks, Ip, Agent, "POST", "/checkout/promotion", null, Success ? 200 : 422, 600);
        f.App(Ticks + (5 * Ms), EventActions.PromotionRedeem, Success, Ip, Agent, User, reason: Success ? null : "unknown code", fields: fields, card: Card);
    }
}
