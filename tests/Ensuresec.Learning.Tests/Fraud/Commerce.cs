using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;

namespace Ensuresec.Learning.Tests.Fraud;

/// <summary>Payment, refund, delivery and login events as the event contract (docs/EVENTS.md) has them, and a runner.</summary>
internal static class Commerce
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static int _next;

    public static SecurityEvent Payment(double minutes, string customer, string card, decimal amount, string paymentId, string orderId,
        bool success = true, string? ip = "203.0.113.5", string? device = null, string? billing = null, string? shipping = null) => new()
    {
        Id = $"e{Interlocked.Increment(ref _next)}",
        Timestamp = Start.AddMinutes(minutes),
        Action = EventActions.PaymentAttempt,
        Outcome = success ? EventOutcomes.Success : EventOutcomes.Failure,
        UserName = customer,
        SourceIp = ip,
        PaymentAmount = amount,
        PaymentCurrency = "EUR",
        CardFingerprint = card,
        Extra = Extra(new()
        {
            ["payment"] = new JsonObject { ["id"] = paymentId, ["billing_country"] = billing },
            ["order"] = new JsonObject { ["id"] = orderId, ["shipping_country"] = shipping },
            ["device"] = new JsonObject { ["id"] = device },
        }),
    };

    public static SecurityEvent Refund(double minutes, string customer, string refundId, string paymentId, string orderId, decimal amount,
        string destination, string approver, string requester) => new()
    {
        Id = $"e{Interlocked.Increment(ref _next)}",
        Timestamp = Start.AddMinutes(minutes),
        Action = EventActions.Refund,
        Outcome = EventOutcomes.Success,
        UserName = customer,
        Extra = Extra(new()
        {
            ["refund"] = new JsonObject
            {
                ["id"] = refundId, ["amount"] = amount, ["currency"] = "EUR", ["payment_id"] = paymentId,
                ["destination"] = destination, ["approver"] = approver, ["requester"] = requester,
            },
            ["order"] = new JsonObject { ["id"] = orderId },
        }),
    };

    public static SecurityEvent Delivered(double minutes, string orderId) => new()
    {
        Id = $"e{Interlocked.Increment(ref _next)}",
        Timestamp = Start.AddMinutes(minutes),
        Action = EventActions.ShipmentScan,
        Extra = Extra(new() { ["shipment"] = new JsonObject { ["status"] = "delivered" }, ["order"] = new JsonObject { ["id"] = orderId } }),
    };

    public static SecurityEvent Login(double minutes, string user, string ip, string device, bool success = true) => new()
    {
        Id = $"e{Interlocked.Increment(ref _next)}",
        Timestamp = Start.AddMinutes(minutes),
        Action = EventActions.Login,
        Outcome = success ? EventOutcomes.Success : EventOutcomes.Failure,
        UserName = user,
        SourceIp = ip,
        Extra = Extra(new() { ["device"] = new JsonObject { ["id"] = device } }),
    };

    public static List<Finding> Run(IDetector detector, IEnumerable<SecurityEvent> events)
    {
        var sink = new Sink();
        var keys = new List<DetectorKey>();
        DateTimeOffset last = DateTimeOffset.MinValue;
        foreach (var e in events.OrderBy(e => e.Timestamp))
        {
            keys.Clear();
            detector.SelectKeys(e, keys);
            foreach (var k in keys) detector.Observe(e, k, sink);
            if (e.Timestamp - last >= TimeSpan.FromMinutes(1))
            {
                detector.Advance(e.Timestamp, sink);
                last = e.Timestamp;
            }
        }

        return sink.Findings;
    }

    private static JsonObject Extra(JsonObject o)
    {
        // Drop null leaves, as a sender leaving a field out would.
        foreach (var (_, child) in o)
        {
            if (child is JsonObject inner)
            {
                foreach (var name in inner.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) inner.Remove(name);
            }
        }

        return o;
    }

    private sealed class Sink : IFindingSink
    {
        public List<Finding> Findings { get; } = [];

        public void Emit(Finding finding) => Findings.Add(finding);
    }
}
