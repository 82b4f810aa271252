using System.Globalization;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;
using Ensuresec.Learning.Models;

namespace Ensuresec.Detection.Fraud;

/// <summary>
/// ES-FRD-001: a payment attempt the model scores as likely fraud. Features are kept online per card, customer,
/// device, address and merchant (<see cref="PaymentFeatures"/>), computed from the events before the attempt;
/// logins and account creations feed the customer's history. The finding carries the score and the features
/// that raised it most, in words (TreeSHAP for trees, coefficient times value for the scorecard).
/// All payment events share one key so that one card's, device's and customer's histories meet.
/// </summary>
internal sealed class PaymentFraudDetector : IDetector
{
    public const string DetectorName = "payment-fraud";
    public const string ScoreRule = "ES-FRD-001";
    private static readonly DetectorKey PaymentsKey = new(0, "payments");
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    // A device's second history, of the customers using it (its first remembers cards).
    private const string UsersSuffix = "\u0000users";

    private readonly PaymentFraudOptions _o;
    private readonly IScoringModel _model;
    private readonly int[] _columns;
    private readonly Dictionary<string, TimedEvents> _cards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimedEvents> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimedEvents> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimedEvents> _merchants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerProfile> _customers = new(StringComparer.Ordinal);

    public PaymentFraudDetector(PaymentFraudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _o = options;
        _model = options.LoadModel().Model!;
        _columns = [.. _model.FeatureNames.Select(n => PaymentFeatures.Names.ToList().IndexOf(n))];
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action is EventActions.PaymentAttempt or EventActions.Login or EventActions.AccountCreate && !string.IsNullOrEmpty(e.UserName)) keys.Add(PaymentsKey);
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        string user = e.UserName!;
        if (!_customers.TryGetValue(user, out var customer)) _customers[user] = customer = new CustomerProfile(e.Timestamp, _o.MaxEntriesPerKey);
        if (e.Action == EventActions.AccountCreate)
        {
            customer.Created = e.Timestamp;
            return;
        }

        if (e.Action == EventActions.Login)
        {
            if (e.Outcome == EventOutcomes.Failure) customer.Failures.Add(e.Timestamp, true, 0, null);
            else customer.Remember(CommerceFields.DeviceId(e), e.SourceIp);
            customer.LastSeen = e.Timestamp;
            return;
        }

        var features = Features(e, customer);
        Record(e, customer);
        var row = new float[_columns.Length];
        for (int i = 0; i < row.Length; i++) row[i] = features[_columns[i]];
        double score = _model.Score(row);
        if (score < _o.Threshold || e.Timestamp - customer.LastReported < _o.CoolDown) return;
        customer.LastReported = e.Timestamp;
        var explanation = _model.Explain(row);
        var reasons = explanation.TopIncreasing(_o.Reasons).Select(i => PaymentFeatures.Describe(_model.FeatureNames[i], row[i])).ToList();
        string amount = e.PaymentAmount is decimal a ? Text.Money(a) + " " + (e.PaymentCurrency ?? "") : "an unknown amount";
        string text = string.Create(CultureInfo.InvariantCulture,
            $"payment of {amount.Trim()} by {Text.Quote(user)} scored {score:0.00} for fraud ({_model.Algorithm}, threshold {_o.Threshold:0.00}): {(reasons.Count > 0 ? string.Join("; ", reasons) : "no single feature stands out")}");
        var evidence = new Evidence();
        evidence.Add(e.Id, e.Timestamp);
        var entities = new List<Entity> { Entity.User(user) };
        if (!string.IsNullOrEmpty(e.SourceIp)) entities.Add(Entity.Ip(e.SourceIp));
        if (!string.IsNullOrEmpty(e.CardFingerprint)) entities.Add(Entity.Card(e.CardFingerprint));
        var severity = score >= 0.97 ? Severity.High : Severity.Medium;
        findings.Emit(FindingBuilder.Create(DetectorName, ScoreRule, RefundAbuseDetector.Technique, severity, Math.Round(score, 3), e.Id, text, evidence, 1, entities));
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        var idle = now - _o.IdleExpiry;
        foreach (var map in new[] { _cards, _devices, _addresses, _merchants })
        {
            foreach (var k in map.Where(kv => kv.Value.LastSeen < idle).Select(kv => kv.Key).ToList()) map.Remove(k);
            foreach (var events in map.Values) events.Prune(now - Day);
        }

        foreach (var k in _customers.Where(kv => kv.Value.LastSeen < idle).Select(kv => kv.Key).ToList()) _customers.Remove(k);
    }

    // The features of the attempt from the history before it (the attempt itself is recorded afterwards).
    private float[] Features(SecurityEvent e, CustomerProfile customer)
    {
        var t = e.Timestamp;
        string? card = e.CardFingerprint, device = CommerceFields.DeviceId(e), address = e.SourceIp, merchant = CommerceFields.MerchantId(e);
        var f = new float[PaymentFeatures.Names.Count];
        var cardEvents = Get(_cards, card);
        var deviceEvents = Get(_devices, device);
        var addressEvents = Get(_addresses, address);
        var merchantEvents = Get(_merchants, merchant);
        f[0] = cardEvents?.Count(t - Hour) ?? 0;
        f[1] = cardEvents?.Flagged(t - Hour) ?? 0;
        f[2] = customer.Payments.Count(t - Day);
        f[3] = customer.Payments.Distinct(t - Day, card);
        f[4] = customer.AmountVsUsual(e.PaymentAmount);
        f[5] = deviceEvents?.Distinct(t - Day, card) ?? (device is null ? 0 : 1);
        f[6] = device is null ? 0 : Get(_devices, device + UsersSuffix)?.Distinct(t - Day, e.UserName) ?? 1;
        f[7] = addressEvents?.Distinct(t - Day, card) ?? (address is null ? 0 : 1);
        int merchantCount = merchantEvents?.Count(t - Hour) ?? 0;
        f[8] = merchantCount < 10 ? 0 : (float)merchantEvents!.Flagged(t - Hour) / merchantCount;
        f[9] = device is not null && customer.HasHistory && !customer.Devices.Contains(device) ? 1 : 0;
        f[10] = address is not null && customer.HasHistory && !customer.Addresses.Contains(address) ? 1 : 0;
        string? billing = CommerceFields.BillingCountry(e), shipping = CommerceFields.AddressCountry(e);
        f[11] = billing is not null && shipping is not null && !string.Equals(billing, shipping, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        // Only an account-create event dates an account: one first seen after monitoring began is not new.
        f[12] = customer.Created is { } created ? (float)Math.Min(30, (t - created).TotalDays) : 30;
        f[13] = customer.Failures.Count(t - Hour) + customer.Payments.Flagged(t - Hour);
        f[14] = f[11] > 0 && CountryPoints.DistanceKm(billing, shipping) is double km ? (float)(km / 1000) : 0;
        return f;
    }

    private void Record(SecurityEvent e, CustomerProfile customer)
    {
        bool declined = e.Outcome == EventOutcomes.Failure;
        decimal amount = e.PaymentAmount ?? 0;
        string? device = CommerceFields.DeviceId(e);
        Add(_cards, e.CardFingerprint, e.Timestamp, declined, amount, e.UserName);
        // The device's list remembers cards; customers per device come from a second entry keyed by the user.
        Add(_devices, device, e.Timestamp, declined, amount, e.CardFingerprint);
        Add(_devices, device is null ? null : device + UsersSuffix, e.Timestamp, declined, amount, e.UserName);
        Add(_addresses, e.SourceIp, e.Timestamp, declined, amount, e.CardFingerprint);
        Add(_merchants, CommerceFields.MerchantId(e), e.Timestamp, declined, amount, null);
        customer.Payments.Add(e.Timestamp, declined, amount, e.CardFingerprint);
        if (!declined) customer.AddAmount(amount);
        customer.Remember(device, e.SourceIp);
        customer.LastSeen = e.Timestamp;
    }

    private static TimedEvents? Get(Dictionary<string, TimedEvents> map, string? key) =>
        key is not null && map.TryGetValue(key, out var events) ? events : null;

    private void Add(Dictionary<string, TimedEvents> map, string? key, DateTimeOffset at, bool flag, decimal amount, string? other)
    {
        if (string.IsNullOrEmpty(key)) return;
        if (!map.TryGetValue(key, out var events)) map[key] = events = new TimedEvents(_o.MaxEntriesPerKey);
        events.Add(at, flag, amount, other);
    }

    private sealed class CustomerProfile(DateTimeOffset firstSeen, int maxEntries)
    {
        private readonly Queue<decimal> _amounts = new();

        public DateTimeOffset? Created { get; set; }

        public DateTimeOffset LastSeen { get; set; } = firstSeen;

        public DateTimeOffset LastReported { get; set; } = DateTimeOffset.MinValue;

        public TimedEvents Payments { get; } = new(maxEntries);

        public TimedEvents Failures { get; } = new(maxEntries);

        public HashSet<string> Devices { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Addresses { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether there is a device or address history to call something new against.</summary>
        public bool HasHistory => Devices.Count + Addresses.Count > 0;

        public void Remember(string? device, string? address)
        {
            if (device is not null && Devices.Count < 100) Devices.Add(device);
            if (address is not null && Addresses.Count < 100) Addresses.Add(address);
        }

        public void AddAmount(decimal amount)
        {
            _amounts.Enqueue(amount);
            if (_amounts.Count > 20) _amounts.Dequeue();
        }

        /// <summary>log2(amount / mean of the last 20 successful amounts), 0 without history or below the mean.</summary>
        public float AmountVsUsual(decimal? amount)
        {
            if (amount is not decimal a || _amounts.Count == 0) return 0;
            decimal mean = _amounts.Average();
            return mean <= 0 || a <= mean ? 0 : (float)Math.Log2((double)(a / mean));
        }
    }
}
