using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Fraud;

/// <summary>
/// Refund abuse, judged against the payment refunded and the order's delivery: ES-REF-001 refunds adding up to
/// more than the payment; ES-REF-002 a customer refunded repeatedly for orders never delivered (only once the
/// stream reports deliveries, so a source without them is not a stream of undelivered orders); ES-REF-003 money
/// refunded to an instrument other than the card that paid. Payments, refunds and deliveries share one key, so
/// the joins see every event in order (their volume is small next to web traffic). T1657 (Financial Theft).
/// </summary>
internal sealed class RefundAbuseDetector : IDetector
{
    public const string DetectorName = "refund-abuse";
    public const string OverRefundRule = "ES-REF-001";
    public const string NoDeliveryRule = "ES-REF-002";
    public const string OtherInstrumentRule = "ES-REF-003";
    internal const string Technique = "T1657";
    internal static readonly DetectorKey CommerceKey = new(0, "commerce");

    private readonly RefundOptions _o;
    private readonly CommerceLedger _ledger;
    private readonly Dictionary<string, Queue<(DateTimeOffset At, string EventId)>> _undeliveredByCustomer = new(StringComparer.Ordinal);

    public RefundAbuseDetector(RefundOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _o = options;
        _ledger = new CommerceLedger(options.Retention, options.MaxPayments);
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action is EventActions.PaymentAttempt or EventActions.Refund || CommerceFields.IsDelivery(e)) keys.Add(CommerceKey);
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (_ledger.Record(e) || e.Action != EventActions.Refund) return;
        var payment = _ledger.Payment(CommerceFields.RefundPaymentId(e));
        string refundId = CommerceFields.RefundId(e)!;
        decimal? amount = CommerceFields.RefundAmount(e);
        string? destination = CommerceFields.RefundDestination(e);
        string customer = e.UserName ?? payment?.Payer ?? "";

        if (payment is not null && amount is decimal refunded)
        {
            payment.Refunded += refunded;
            if (payment.Refunded > payment.Amount + _o.Tolerance)
            {
                Emit(findings, e, OverRefundRule, Severity.High, 0.9, refundId,
                    $"refund {Text.Quote(refundId)} brings the refunds of payment {Text.Quote(payment.Id)} to {Text.Money(payment.Refunded)}, above the {Text.Money(payment.Amount)} paid",
                    customer, destination);
            }
        }

        if (payment is not null && destination is not null && payment.Card is not null && !string.Equals(destination, payment.Card, StringComparison.Ordinal))
        {
            Emit(findings, e, OtherInstrumentRule, Severity.High, 0.8, refundId,
                $"refund {Text.Quote(refundId)} of {Text.Money(amount ?? 0)} went to instrument {Text.Quote(destination)}, not to card {Text.Quote(payment.Card)} that paid {Text.Quote(payment.Id)}",
                customer, destination);
        }

        string? order = CommerceFields.OrderId(e) ?? payment?.OrderId;
        // Only where deliveries are reported does a missing one mean "never delivered".
        if (order is not null && customer.Length > 0 && _ledger.ReportsDeliveries(e.Timestamp) && !_ledger.WasDelivered(order, e.Timestamp))
        {
            if (!_undeliveredByCustomer.TryGetValue(customer, out var recent)) _undeliveredByCustomer[customer] = recent = new();
            while (recent.Count > 0 && e.Timestamp - recent.Peek().At > _o.Window) recent.Dequeue();
            recent.Enqueue((e.Timestamp, e.Id));
            if (recent.Count >= _o.NoDeliveryRefunds)
            {
                Emit(findings, e, NoDeliveryRule, Severity.Medium, 0.6, customer + "/" + refundId,
                    $"{Text.Quote(customer)} was refunded {Text.N(recent.Count)} times in {Text.Duration(_o.Window)} for orders with no delivery recorded (latest {Text.Quote(order)}); threshold {Text.N(_o.NoDeliveryRefunds)}",
                    customer, destination, [.. recent.Select(r => r.EventId)]);
            }
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        _ledger.Expire(now);
        foreach (var customer in _undeliveredByCustomer.Where(kv => kv.Value.Count == 0 || now - kv.Value.Last().At > _o.Window).Select(kv => kv.Key).ToList())
        {
            _undeliveredByCustomer.Remove(customer);
        }
    }

    internal static void Emit(
        IFindingSink findings, SecurityEvent e, string rule, Severity severity, double confidence, string key, string explanation,
        string customer, string? destination, IReadOnlyList<string>? evidenceIds = null, string detector = DetectorName, string? staff = null)
    {
        var evidence = new Evidence();
        foreach (var id in evidenceIds ?? [e.Id]) evidence.Add(id, e.Timestamp);
        var entities = new List<Entity>();
        if (staff is not null) entities.Add(Entity.User(staff));
        if (customer.Length > 0 && customer != staff) entities.Add(Entity.User(customer));
        if (destination is not null) entities.Add(Entity.Card(destination));
        findings.Emit(FindingBuilder.Create(detector, rule, Technique, severity, confidence, key, explanation, evidence, 1, entities));
    }
}
