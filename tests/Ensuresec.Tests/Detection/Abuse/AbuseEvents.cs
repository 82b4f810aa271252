using System.Globalization;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;

namespace Ensuresec.Tests.Detection.Abuse;

/// <summary>Sign-ups, promotion redemptions and refused codes with sequential ids, for the abuse detectors' tests.</summary>
internal sealed class AbuseEvents
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private int _next;

    public SecurityEvent Signup(string user, string? email, string? ip, DateTimeOffset at, string? device = null, string? fullName = null)
    {
        var extra = new JsonObject();
        if (device is not null) extra["device"] = new JsonObject { ["id"] = device };
        if (fullName is not null) extra["user"] = new JsonObject { ["full_name"] = fullName };
        return new SecurityEvent
        {
            Id = NextId(),
            Timestamp = at,
            Action = EventActions.AccountCreate,
            Outcome = EventOutcomes.Success,
            Dataset = "shop.app",
            SourceIp = ip,
            UserName = user,
            UserEmail = email,
            Extra = extra.Count == 0 ? null : extra,
        };
    }

    public SecurityEvent Redeem(string? user, string code, DateTimeOffset at, string? ip = null, string? device = null, string? card = null,
        string? address = null, string? type = null, string? referrer = null, bool ok = true)
    {
        var promotion = new JsonObject { ["code"] = code };
        if (type is not null) promotion["type"] = type;
        if (referrer is not null) promotion["referrer"] = referrer;
        var extra = new JsonObject { ["promotion"] = promotion };
        if (device is not null) extra["device"] = new JsonObject { ["id"] = device };
        if (address is not null) extra["order"] = new JsonObject { ["shipping_address"] = address };
        if (!ok) extra["event"] = new JsonObject { ["reason"] = "unknown code" };
        return new SecurityEvent
        {
            Id = NextId(),
            Timestamp = at,
            Action = EventActions.PromotionRedeem,
            Outcome = ok ? EventOutcomes.Success : EventOutcomes.Failure,
            Dataset = "shop.app",
            SourceIp = ip,
            UserName = user,
            CardFingerprint = card,
            Extra = extra,
        };
    }

    public SecurityEvent Login(string user, string ip, DateTimeOffset at, string? device = null) => new()
    {
        Id = NextId(),
        Timestamp = at,
        Action = EventActions.Login,
        Outcome = EventOutcomes.Success,
        Dataset = "shop.app",
        SourceIp = ip,
        UserName = user,
        Extra = device is null ? null : new JsonObject { ["device"] = new JsonObject { ["id"] = device } },
    };

    public SecurityEvent Pay(string user, string ip, string card, DateTimeOffset at) => new()
    {
        Id = NextId(),
        Timestamp = at,
        Action = EventActions.PaymentAttempt,
        Outcome = EventOutcomes.Success,
        Dataset = "shop.payment",
        SourceIp = ip,
        UserName = user,
        PaymentAmount = 40m,
        PaymentCurrency = "EUR",
        CardFingerprint = card,
    };

    private string NextId() => "ab-" + (++_next).ToString("D6", CultureInfo.InvariantCulture);
}
