using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Payments;

/// <summary>
/// Card testing: stolen card numbers checked with small payments. ES-PAY-001 per address, ES-PAY-002 per account:
/// many attempts over many cards, mostly declined or mostly tiny. ES-PAY-003: one card tried from many addresses.
/// ES-PAY-004: the low-and-slow variant, many cards over a day from one address or account, mostly declined and tiny.
/// Attempts of customers paying with one or two cards of their own at ordinary amounts are left out of the
/// address and account counts: behind a shared address (a carrier NAT) they are many people, not one tester.
/// ATT&amp;CK has no card-testing technique; we tag T1657 (Financial Theft), the closest impact technique.
/// </summary>
internal sealed class CardTestingDetector : IDetector
{
    public const string DetectorName = "card-testing";
    public const string AddressRule = "ES-PAY-001";
    public const string AccountRule = "ES-PAY-002";
    public const string CardRule = "ES-PAY-003";
    public const string SlowRule = "ES-PAY-004";
    private const string Technique = "T1657";
    private const byte AddressSlot = 0;
    private const byte AccountSlot = 1;
    private const byte CardSlot = 2;

    private readonly CardTestingOptions _o;
    private readonly Dictionary<DetectorKey, State> _state = [];

    public CardTestingDetector(CardTestingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _o = options;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action != EventActions.PaymentAttempt) return;
        if (!string.IsNullOrEmpty(e.SourceIp)) keys.Add(new DetectorKey(AddressSlot, e.SourceIp));
        if (!string.IsNullOrEmpty(e.UserName)) keys.Add(new DetectorKey(AccountSlot, e.UserName));
        if (!string.IsNullOrEmpty(e.CardFingerprint)) keys.Add(new DetectorKey(CardSlot, e.CardFingerprint));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (!_state.TryGetValue(key, out var s))
        {
            bool actor = key.Slot != CardSlot;
            s = new State(new SlidingWindow(_o.Window, _o.MaxEntriesPerKey), actor ? new SlidingWindow(_o.SlowWindow, _o.MaxEntriesPerKey) : null,
                actor ? new PaymentAttempts(_o.SlowWindow, _o.MaxEntriesPerKey) : null);
            _state[key] = s;
        }

        bool failed = e.Outcome == EventOutcomes.Failure;
        bool small = e.PaymentAmount is decimal amount && amount <= _o.SmallAmount;
        string? sub = key.Slot == CardSlot ? e.SourceIp : e.CardFingerprint;
        s.Window.Add(e.Timestamp, sub, failed, small, e.Id);
        s.Slow?.Add(e.Timestamp, sub, failed, small, e.Id);
        s.Recent?.Add(e.Timestamp, e.UserName, e.CardFingerprint, failed, small, e.Id);
        if (key.Slot == CardSlot)
        {
            CheckCard(e, key.Value, s, findings);
        }
        else
        {
            CheckActor(e, key, s, findings);
            CheckSlow(e, key, s, findings);
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        List<DetectorKey>? stale = null;
        foreach (var (k, s) in _state)
        {
            if (now - s.Window.LastSeen >= (s.Slow is null ? _o.Window : _o.SlowWindow)) (stale ??= []).Add(k);
        }

        stale?.ForEach(k => _state.Remove(k));
    }

    private void CheckActor(SecurityEvent e, DetectorKey key, State s, IFindingSink findings)
    {
        var w = s.Window;
        if (w.Total < _o.MinAttempts || w.DistinctKeys < _o.MinDistinctCards) return;

        // Customers behind a shared address, each paying with a card of their own, are no evidence of testing.
        var p = s.Recent!.ProbesWithin(e.Timestamp, _o.Window, _o.MaxCardsPerCustomer);
        if (p.Total < _o.MinAttempts || p.DistinctCards < _o.MinDistinctCards) return;
        if (p.FailRatio < _o.MinFailureRatio && p.SmallShare < _o.MinSmallAmountShare) return;
        var severity = p.DistinctCards >= _o.MinDistinctCards * 5 ? Severity.Critical : Severity.High;
        if (!s.Gate.TryFire(e.Timestamp, severity, p.DistinctCards, _o.CoolDown, _o.EscalationFactor)) return;
        bool byAddress = key.Slot == AddressSlot;
        string who = byAddress ? key.Value : Text.Quote(key.Value);
        string explanation = $"{who} made {Text.N(p.Total)} payment attempts with {Text.N(p.DistinctCards)} distinct cards in {Text.Duration(_o.Window)}, {Text.Percent(p.FailRatio)} declined, {Text.Percent(p.SmallShare)} at or below {Text.Money(_o.SmallAmount)}{LeftOut(p)}; threshold {Text.N(_o.MinDistinctCards)} cards";
        Emit(findings, byAddress ? AddressRule : AccountRule, severity, 0.85, key.Value, explanation, p.Evidence, s.Gate.Firings, Entities(e, key, p));
    }

    private void CheckSlow(SecurityEvent e, DetectorKey key, State s, IFindingSink findings)
    {
        var w = s.Slow!;
        w.Prune(e.Timestamp);
        // What the fast rule already reported is not reported again as slow.
        if (w.DistinctKeys < _o.SlowMinDistinctCards || s.Gate.Firings > 0) return;
        var p = s.Recent!.ProbesWithin(e.Timestamp, _o.SlowWindow, _o.MaxCardsPerCustomer);
        if (p.DistinctCards < _o.SlowMinDistinctCards) return;
        if (p.FailRatio < _o.SlowMinFailureRatio || p.SmallShare < _o.MinSmallAmountShare) return;
        if (!s.SlowGate.TryFire(e.Timestamp, Severity.High, p.DistinctCards, _o.SlowWindow, _o.EscalationFactor)) return;
        bool byAddress = key.Slot == AddressSlot;
        string who = byAddress ? key.Value : Text.Quote(key.Value);
        string explanation = $"{who} tried {Text.N(p.DistinctCards)} distinct cards in {Text.N(p.Total)} payment attempts over {Text.Duration(e.Timestamp - p.Evidence.FirstSeen)}, {Text.Percent(p.FailRatio)} declined, {Text.Percent(p.SmallShare)} at or below {Text.Money(_o.SmallAmount)}{LeftOut(p)}; threshold {Text.N(_o.SlowMinDistinctCards)} cards in {Text.Duration(_o.SlowWindow)}";
        Emit(findings, SlowRule, Severity.High, 0.75, key.Value, explanation, p.Evidence, s.SlowGate.Firings, Entities(e, key, p));
    }

    private static string LeftOut(PaymentAttempts.Probes p) =>
        p.Customers == 0 ? string.Empty : $" (not counting {Text.N(p.Customers)} {(p.Customers == 1 ? "customer" : "customers")} paying with their own card)";

    private static List<Entity> Entities(SecurityEvent e, DetectorKey key, PaymentAttempts.Probes p)
    {
        bool byAddress = key.Slot == AddressSlot;
        var entities = new List<Entity> { byAddress ? Entity.Ip(key.Value) : Entity.User(key.Value) };
        if (byAddress && !string.IsNullOrEmpty(e.UserName)) entities.Add(Entity.User(e.UserName));
        if (!byAddress && !string.IsNullOrEmpty(e.SourceIp)) entities.Add(Entity.Ip(e.SourceIp));
        entities.AddRange(p.Cards.Take(10).Select(Entity.Card));
        return entities;
    }

    private void CheckCard(SecurityEvent e, string card, State s, IFindingSink findings)
    {
        var w = s.Window;
        if (w.Total < _o.CardMinAttempts || w.DistinctKeys < _o.CardMinDistinctAddresses) return;
        double failRatio = w.Flagged / (double)w.Total;
        if (failRatio < _o.MinFailureRatio) return;
        if (!s.Gate.TryFire(e.Timestamp, Severity.High, w.DistinctKeys, _o.CoolDown, _o.EscalationFactor)) return;
        var ips = w.KeysWhere((_, _) => true, 10);
        string explanation = $"card {card} was tried {Text.N(w.Total)} times from {Text.N(w.DistinctKeys)} addresses in {Text.Duration(_o.Window)}, {Text.Percent(failRatio)} declined; threshold {Text.N(_o.CardMinDistinctAddresses)} addresses";
        var entities = new List<Entity>();
        if (ips.Count > 0) entities.Add(Entity.Ip(ips[0]));
        entities.Add(Entity.Card(card));
        entities.AddRange(ips.Skip(1).Select(Entity.Ip));
        Emit(findings, CardRule, Severity.High, 0.7, card, explanation, w.Collect((_, _, _) => true), s.Gate.Firings, entities);
    }

    private static void Emit(IFindingSink findings, string rule, Severity severity, double confidence, string key, string explanation, Evidence evidence, int firing, IReadOnlyList<Entity> entities)
    {
        findings.Emit(FindingBuilder.Create(DetectorName, rule, Technique, severity, confidence, key, explanation, evidence, firing, entities));
    }

    private sealed class State(SlidingWindow window, SlidingWindow? slow, PaymentAttempts? recent)
    {
        public SlidingWindow Window { get; } = window;

        /// <summary>The long window of the slow rule; null for card keys.</summary>
        public SlidingWindow? Slow { get; } = slow;

        /// <summary>The attempts themselves over the slow window, to leave customers' own payments out; null for card keys.</summary>
        public PaymentAttempts? Recent { get; } = recent;

        public RuleGate Gate;

        public RuleGate SlowGate;
    }
}
