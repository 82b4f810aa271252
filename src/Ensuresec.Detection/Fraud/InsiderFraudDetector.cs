using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Fraud;

/// <summary>
/// Staff who refund to themselves. An approver is linked to a refund's destination when (ES-INS-001) the approver's
/// own accounts have paid with that instrument, or (ES-INS-002) the approver has sent refunds that did not go back
/// to the paying card to that same destination repeatedly. ES-INS-003: one staff member both requested and
/// approved a refund (no second pair of eyes). T1657 (Financial Theft).
/// </summary>
internal sealed class InsiderFraudDetector : IDetector
{
    public const string DetectorName = "insider-fraud";
    public const string OwnInstrumentRule = "ES-INS-001";
    public const string RepeatedDestinationRule = "ES-INS-002";
    public const string SelfApprovalRule = "ES-INS-003";

    private readonly RefundOptions _o;
    private readonly CommerceLedger _ledger;
    private readonly Dictionary<(string Approver, string Destination), Queue<(DateTimeOffset At, string EventId)>> _offInstrument = [];

    public InsiderFraudDetector(RefundOptions options)
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
        if (e.Action is EventActions.PaymentAttempt or EventActions.Refund) keys.Add(RefundAbuseDetector.CommerceKey);
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (_ledger.Record(e) || e.Action != EventActions.Refund) return;
        string? approver = CommerceFields.RefundApprover(e);
        if (string.IsNullOrEmpty(approver)) return;
        string refundId = CommerceFields.RefundId(e)!;
        string customer = e.UserName ?? "";
        string? destination = CommerceFields.RefundDestination(e);
        string? requester = CommerceFields.RefundRequester(e);
        decimal amount = CommerceFields.RefundAmount(e) ?? 0;

        if (requester is not null && requester == approver && requester != customer)
        {
            RefundAbuseDetector.Emit(findings, e, SelfApprovalRule, Severity.High, 0.7, refundId,
                $"{Text.Quote(approver)} both requested and approved refund {Text.Quote(refundId)} of {Text.Money(amount)} to {Text.Quote(customer)}",
                customer, destination, detector: DetectorName, staff: approver);
        }

        // A refund of one's own purchase (self-service, or staff buying as customers) is not an insider's theft.
        if (destination is null || approver == customer) return;
        if (_ledger.HasPaidWith(approver, destination))
        {
            RefundAbuseDetector.Emit(findings, e, OwnInstrumentRule, Severity.Critical, 0.9, refundId,
                $"{Text.Quote(approver)} approved refund {Text.Quote(refundId)} of {Text.Money(amount)} for {Text.Quote(customer)} to instrument {Text.Quote(destination)}, which {Text.Quote(approver)}'s own account has paid with",
                customer, destination, detector: DetectorName, staff: approver);
        }

        var payment = _ledger.Payment(CommerceFields.RefundPaymentId(e));
        if (payment?.Card is null || payment.Card == destination) return;
        var pair = (approver, destination);
        if (!_offInstrument.TryGetValue(pair, out var recent)) _offInstrument[pair] = recent = new();
        while (recent.Count > 0 && e.Timestamp - recent.Peek().At > _o.Window) recent.Dequeue();
        recent.Enqueue((e.Timestamp, e.Id));
        if (recent.Count >= _o.RepeatedDestinationRefunds)
        {
            RefundAbuseDetector.Emit(findings, e, RepeatedDestinationRule, Severity.Critical, 0.85, refundId,
                $"{Text.Quote(approver)} approved {Text.N(recent.Count)} refunds in {Text.Duration(_o.Window)} that did not go back to the paying card but to the same instrument {Text.Quote(destination)} (latest {Text.Quote(refundId)}, {Text.Money(amount)}); threshold {Text.N(_o.RepeatedDestinationRefunds)}",
                customer, destination, [.. recent.Select(r => r.EventId)], DetectorName, approver);
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        _ledger.Expire(now);
        foreach (var pair in _offInstrument.Where(kv => kv.Value.Count == 0 || now - kv.Value.Last().At > _o.Window).Select(kv => kv.Key).ToList())
        {
            _offInstrument.Remove(pair);
        }
    }
}
