using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Payments;

/// <summary>
/// Card testing: stolen card numbers checked with small payments. ES-PAY-001 per address, ES-PAY-002 per account:
/// many attempts over many cards, mostly declined or mostly tiny. ES-PAY-003: one card tried from many addresses.
/// ES-PAY-004: the low-and-slow variant, many cards over a day from one address or account, mostly declined and tiny.
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
            s = new State(new SlidingWindow(_o.Window, _o.MaxEntriesPerKey), key.Slot == CardSlot ? null : new SlidingWindow(_o.SlowWindow, _o.MaxEntriesPerKey));
            _state[key] = s;
        }

        bool failed = e.Outcome == EventOutcomes.Failure;
        bool small = e.PaymentAmount is decimal amount && amount <= _o.SmallAmount;
        string? sub = key.Slot == CardSlot ? e.SourceIp : e.CardFingerprint;
        s.Window.Add(e.Timestamp, sub, failed, small, e.Id);
        s.Slow?.Add(e.Timestamp, sub, failed, small, e.Id);
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
        double failRatio = w.Flagged / (double)w.Total;
        double smallShare = w.Flagged2 / (double)w.Total;
        if (failRatio < _o.MinFailureRatio && smallShare < _o.MinSmallAmountShare) return;
        var severity = w.DistinctKeys >= _o.MinDistinctCards * 5 ? Severity.Critical : Severity.High;
        if (!s.Gate.TryFire(e.Timestamp, severity, w.DistinctKeys, _o.CoolDown, _o.EscalationFactor)) return;
        bool byAddress = key.Slot == AddressSlot;
        string who = byAddress ? key.Value : Text.Quote(key.Value);
        string explanation = $"{who} made {Text.N(w.Total)} payment attempts with {Text.N(w.DistinctKeys)} distinct cards in {Text.Duration(_o.Window)}, {Text.Percent(failRatio)} declined, {Text.Percent(smallShare)} at or below {Text.Money(_o.SmallAmount)}; threshold {Text.N(_o.MinDistinctCards)} cards";
        var entities = new List<Entity> { byAddress ? Entity.Ip(key.Value) : Entity.User(key.Value) };
        if (byAddress && !string.IsNullOrEmpty(e.UserName)) entities.Add(Entity.User(e.UserName));
        if (!byAddress && !string.IsNullOrEmpty(e.SourceIp)) entities.Add(Entity.Ip(e.SourceIp));
        entities.AddRange(w.KeysWhere((_, _) => true, 10).Select(Entity.Card));
        Emit(findings, byAddress ? AddressRule : AccountRule, severity, 0.85, key.Value, explanation, w.Collect((_, _, _) => true), s.Gate.Firings, entities);
    }

    private void CheckSlow(SecurityEvent e, DetectorKey key, State s, IFindingSink findings)
    {
        var w = s.Slow!;
        w.Prune(e.Timestamp);
        // What the fast rule already reported is not reported again as slow.
        if (w.DistinctKeys < _o.SlowMinDistinctCards || s.Gate.Firings > 0) return;
        double failRatio = w.Flagged / (double)w.Total;
        double smallShare = w.Flagged2 / (double)w.Total;
        if (failRatio < _o.SlowMinFailureRatio || smallShare < _o.MinSmallAmountShare) return;
        if (!s.SlowGate.TryFire(e.Timestamp, Severity.High, w.DistinctKeys, _o.SlowWindow, _o.EscalationFactor)) return;
        bool byAddress = key.Slot == AddressSlot;
        string who = byAddress ? key.Value : Text.Quote(key.Value);
        string explanation = $"{who} tried {Text.N(w.DistinctKeys)} distinct cards in {Text.N(w.Total)} payment attempts over {Text.Duration(e.Timestamp - w.Collect((_, _, _) => true).FirstSeen)}, {Text.Percent(failRatio)} declined, {Text.Percent(smallShare)} at or below {Text.Money(_o.SmallAmount)}; threshold {Text.N(_o.SlowMinDistinctCards)} cards in {Text.Duration(_o.SlowWindow)}";
        var entities = new List<Entity> { byAddress ? Entity.Ip(key.Value) : Entity.User(key.Value) };
        if (byAddress && !string.IsNullOrEmpty(e.UserName)) entities.Add(Entity.User(e.UserName));
        if (!byAddress && !string.IsNullOrEmpty(e.SourceIp)) entities.Add(Entity.Ip(e.SourceIp));
        entities.AddRange(w.KeysWhere((_, _) => true, 10).Select(Entity.Card));
        Emit(findings, SlowRule, Severity.High, 0.75, key.Value, explanation, w.Collect((_, _, _) => true), s.SlowGate.Firings, entities);
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

    private sealed class State(SlidingWindow window, SlidingWindow? slow)
    {
        public SlidingWindow Window { get; } = window;

        /// <summary>The long window of the slow rule; null for card keys.</summary>
        public SlidingWindow? Slow { get; } = slow;

        public RuleGate Gate;

        public RuleGate SlowGate;
    }
}
