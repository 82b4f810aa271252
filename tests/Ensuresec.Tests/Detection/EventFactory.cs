using Ensuresec.Core.Events;

namespace Ensuresec.Tests.Detection;

/// <summary>Builds synthetic events with sequential ids, so runs are deterministic.</summary>
internal sealed class EventFactory
{
    public const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";

    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private int _next;

    public SecurityEvent Http(string ip, string path, DateTimeOffset at, int status = 200, string? agent = Browser, string method = "GET", string? query = null) => new()
    {
        Id = NextId(),
        Timestamp = at,
        Action = EventActions.HttpRequest,
        Dataset = "nginx.access",
        SourceIp = ip,
        HttpMethod = method,
        UrlPath = path,
        UrlQuery = query,
        StatusCode = status,
        UserAgent = agent,
    };

    public SecurityEvent Login(string user, string ip, bool ok, DateTimeOffset at, string? agent = Browser) => new()
    {
        Id = NextId(),
        Timestamp = at,
        Action = EventActions.Login,
        Outcome = ok ? EventOutcomes.Success : EventOutcomes.Failure,
        Dataset = "shop.app",
        SourceIp = ip,
        UserName = user,
        UserAgent = agent,
    };

    public SecurityEvent Change(string action, string user, string ip, DateTimeOffset at) => new()
    {
        Id = NextId(),
        Timestamp = at,
        Action = action,
        Outcome = EventOutcomes.Success,
        Dataset = "shop.app",
        SourceIp = ip,
        UserName = user,
    };

    public SecurityEvent Payment(string? user, string ip, string card, decimal amount, bool ok, DateTimeOffset at) => new()
    {
        Id = NextId(),
        Timestamp = at,
        Action = EventActions.PaymentAttempt,
        Outcome = ok ? EventOutcomes.Success : EventOutcomes.Failure,
        Dataset = "shop.app",
        SourceIp = ip,
        UserName = user,
        PaymentAmount = amount,
        PaymentCurrency = "EUR",
        CardFingerprint = card,
    };

    private string NextId() => "ev-" + (++_next).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
