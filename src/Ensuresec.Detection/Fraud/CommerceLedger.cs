using Ensuresec.Core.Events;

namespace Ensuresec.Detection.Fraud;

/// <summary>
/// What the refund rules need to remember: successful payments (amount, card, payer), amounts refunded per
/// payment, delivered orders, and who paid with each card. Entries older than the retention are dropped, and
/// at most <c>maxEntries</c> payments are kept (the oldest go first), so memory stays bounded.
/// </summary>
internal sealed class CommerceLedger(TimeSpan retention, int maxEntries)
{
    private readonly Dictionary<string, PaymentRecord> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _delivered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _payersByCard = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, string PaymentId)> _paymentOrder = new();
    private DateTimeOffset? _lastDelivery;

    public sealed class PaymentRecord(string id, decimal amount, string? card, string? payer, string? orderId, DateTimeOffset at)
    {
        public string Id { get; } = id;

        public decimal Amount { get; } = amount;

        public string? Card { get; } = card;

        public string? Payer { get; } = payer;

        public string? OrderId { get; } = orderId;

        public DateTimeOffset At { get; } = at;

        public decimal Refunded { get; set; }
    }

    /// <summary>Records payments, deliveries and card payers; returns true if the event was one of them.</summary>
    public bool Record(SecurityEvent e)
    {
        if (e.Action == EventActions.PaymentAttempt)
        {
            if (e.Outcome != EventOutcomes.Success) return true;
            if (!string.IsNullOrEmpty(e.CardFingerprint) && !string.IsNullOrEmpty(e.UserName))
            {
                if (!_payersByCard.TryGetValue(e.CardFingerprint, out var payers)) _payersByCard[e.CardFingerprint] = payers = new(StringComparer.Ordinal);
                payers[e.UserName] = e.Timestamp;
            }

            string? id = CommerceFields.PaymentId(e);
            if (id is null || e.PaymentAmount is not decimal amount || _payments.ContainsKey(id)) return true;
            _payments[id] = new PaymentRecord(id, amount, e.CardFingerprint, e.UserName, CommerceFields.OrderId(e), e.Timestamp);
            _paymentOrder.Enqueue((e.Timestamp, id));
            while (_paymentOrder.Count > maxEntries) _payments.Remove(_paymentOrder.Dequeue().PaymentId);
            return true;
        }

        if (CommerceFields.IsDelivery(e))
        {
            if (CommerceFields.OrderId(e) is { } order) _delivered[order] = e.Timestamp;
            if (_lastDelivery is null || e.Timestamp > _lastDelivery) _lastDelivery = e.Timestamp;
            return true;
        }

        return false;
    }

    public PaymentRecord? Payment(string? id) => id is not null && _payments.TryGetValue(id, out var p) ? p : null;

    /// <summary>
    /// Whether the stream reports deliveries at all (a delivered scan within the retention before
    /// <paramref name="now"/>): where it does not (a bank, a shop without a carrier feed), a missing scan says
    /// nothing about the order.
    /// </summary>
    public bool ReportsDeliveries(DateTimeOffset now) => _lastDelivery is { } last && now - last <= retention;

    public bool WasDelivered(string? orderId, DateTimeOffset before) =>
        orderId is not null && _delivered.TryGetValue(orderId, out var at) && at <= before;

    /// <summary>Whether <paramref name="user"/> has paid with the card within the retention.</summary>
    public bool HasPaidWith(string user, string card) =>
        _payersByCard.TryGetValue(card, out var payers) && payers.ContainsKey(user);

    public void Expire(DateTimeOffset now)
    {
        var horizon = now - retention;
        while (_paymentOrder.Count > 0 && _paymentOrder.Peek().At < horizon) _payments.Remove(_paymentOrder.Dequeue().PaymentId);
        foreach (var order in _delivered.Where(kv => kv.Value < horizon).Select(kv => kv.Key).ToList()) _delivered.Remove(order);
        foreach (var (card, payers) in _payersByCard.ToList())
        {
            foreach (var user in payers.Where(kv => kv.Value < horizon).Select(kv => kv.Key).ToList()) payers.Remove(user);
            if (payers.Count == 0) _payersByCard.Remove(card);
        }
    }
}
