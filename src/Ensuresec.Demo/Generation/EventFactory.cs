using System.Globalization;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;

namespace Ensuresec.Demo.Generation;

/// <summary>
/// Makes the scenario's events with deterministic ids (demo-{seed}-{n}, n in order of creation) and holds
/// them until <see cref="DrainBefore"/> hands them out in time order.
/// </summary>
internal sealed class EventFactory(int seed)
{
    public const string WebDataset = "nginx.access";
    public const string AppDataset = "shop.app";
    public const string PaymentDataset = "shop.payment";
    public const string Currency = "EUR";

    private static readonly Comparison<Pending> ByTime = static (a, b) =>
        a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Seq.CompareTo(b.Seq);

    private readonly string _prefix = string.Create(CultureInfo.InvariantCulture, $"demo-{seed}-");
    private List<Pending> _buffer = new(16_384);
    private List<Pending> _spare = new(16_384);
    private long _next;

    public int Buffered => _buffer.Count;

    public void Http(long ticks, string ip, string agent, string method, string path, string? query, int status, long bytes, string? referrer = null)
    {
        Add(ticks, new SecurityEvent
        {
            Id = NextId(),
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            Kind = "event",
            Category = "web",
            Action = EventActions.HttpRequest,
            Outcome = status < 400 ? EventOutcomes.Success : EventOutcomes.Failure,
            Dataset = WebDataset,
            SourceIp = ip,
            HttpMethod = method,
            UrlPath = path,
            UrlQuery = query,
            HttpVersion = "1.1",
            StatusCode = status,
            ResponseBytes = bytes,
            Referrer = referrer,
            UserAgent = agent,
        });
    }

    /// <summary>
    /// An application event (login, e-mail change...). A reason, if given, goes to event.reason; fields (dotted names)
    /// to Extra; a card to payment.card.fingerprint.
    /// </summary>
    public void App(long ticks, string action, bool success, string ip, string agent, string? user, string? email = null, string? reason = null,
        IReadOnlyList<KeyValuePair<string, string>>? fields = null, string? card = null)
    {
        var extra = Nested(fields);
        if (reason is not null) (extra ??= [])["event"] = new JsonObject { ["reason"] = reason };
        Add(ticks, new SecurityEvent
        {
            Id = NextId(),
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            Kind = "event",
            Category = action == EventActions.Login || action == EventActions.PasswordReset ? "authentication" : "iam",
            Action = action,
            Outcome = success ? EventOutcomes.Success : EventOutcomes.Failure,
            Dataset = AppDataset,
            SourceIp = ip,
            UserName = user,
            UserEmail = email,
            UserAgent = agent,
            CardFingerprint = card,
            Extra = extra,
        });
    }

    public void Order(long ticks, string ip, string agent, string? user, decimal amount)
    {
        Add(ticks, new SecurityEvent
        {
            Id = NextId(),
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            Kind = "event",
            Category = "order",
            Action = EventActions.OrderCreate,
            Outcome = EventOutcomes.Success,
            Dataset = AppDataset,
            SourceIp = ip,
            UserName = user,
            UserAgent = agent,
            PaymentAmount = amount,
            PaymentCurrency = Currency,
        });
    }

    public void Payment(long ticks, string ip, string agent, string? user, decimal amount, string card, bool success,
        IReadOnlyList<KeyValuePair<string, string>>? fields = null)
    {
        Add(ticks, new SecurityEvent
        {
            Id = NextId(),
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            Kind = "event",
            Category = "payment",
            Action = EventActions.PaymentAttempt,
            Outcome = success ? EventOutcomes.Success : EventOutcomes.Failure,
            Dataset = PaymentDataset,
            SourceIp = ip,
            UserName = user,
            UserAgent = agent,
            PaymentAmount = amount,
            PaymentCurrency = Currency,
            CardFingerprint = card,
            Extra = Nested(fields),
        });
    }

    /// <summary>A refund from the back office: <paramref name="customer"/> is refunded; the refund.* fields say how.</summary>
    public void Refund(long ticks, string customer, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        Add(ticks, new SecurityEvent
        {
            Id = NextId(),
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            Kind = "event",
            Category = "payment",
            Action = EventActions.Refund,
            Outcome = EventOutcomes.Success,
            Dataset = PaymentDataset,
            UserName = customer,
            Extra = Nested(fields),
        });
    }

    // Dotted names into nested objects, as the parser stores them (refund.amount is Extra["refund"]["amount"]).
    private static JsonObject? Nested(IReadOnlyList<KeyValuePair<string, string>>? fields)
    {
        if (fields is null || fields.Count == 0) return null;
        var root = new JsonObject();
        foreach (var (name, value) in fields)
        {
            var parts = name.Split('.');
            var node = root;
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (node[parts[i]] is not JsonObject child) node[parts[i]] = child = new JsonObject();
                node = child;
            }

            node[parts[^1]] = value;
        }

        return root;
    }

    /// <summary>The buffered events before <paramref name="ticks"/>, in time order (creation order breaks ties); the rest stay.</summary>
    public List<SecurityEvent> DrainBefore(long ticks)
    {
        _buffer.Sort(ByTime);
        var ready = new List<SecurityEvent>(_buffer.Count);
        _spare.Clear();
        foreach (var p in _buffer)
        {
            if (p.Ticks < ticks) ready.Add(p.Event);
            else _spare.Add(p);
        }

        (_buffer, _spare) = (_spare, _buffer);
        _spare.Clear();
        return ready;
    }

    private string NextId() => _prefix + (_next++).ToString(CultureInfo.InvariantCulture);

    private void Add(long ticks, SecurityEvent e) => _buffer.Add(new Pending(ticks, _next, e));

    private readonly record struct Pending(long Ticks, long Seq, SecurityEvent Event);
}
