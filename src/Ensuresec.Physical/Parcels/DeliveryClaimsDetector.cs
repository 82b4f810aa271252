using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Physical.Common;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Parcels;

/// <summary>
/// Loss rates. ES-DLV-001: a courier, ES-DLV-002: a route, whose deliveries end in non-delivery claims more often
/// than allowed. ES-DLV-003: a customer with repeated non-delivery claims. Deliveries are shipment-scan events with
/// shipment.status "delivered" (user.name the courier); claims are delivery-claim events (user.name the customer,
/// shipment.courier and shipment.route_id of the delivery). Technique T1657 (Financial Theft).
/// </summary>
internal sealed class DeliveryClaimsDetector : IDetector
{
    public const string DetectorName = "delivery-claims";
    public const string CourierRule = "ES-DLV-001";
    public const string RouteRule = "ES-DLV-002";
    public const string CustomerRule = "ES-DLV-003";
    private const string Technique = "T1657";
    private const byte CourierSlot = 0, RouteSlot = 1, CustomerSlot = 2;

    private readonly DeliveryClaimsOptions _o;
    private readonly Dictionary<DetectorKey, State> _state = [];
    private readonly Sweep _sweep = new(TimeSpan.FromHours(1));

    public DeliveryClaimsDetector(DeliveryClaimsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.ThrowIfInvalid(options.Validate(), nameof(options));
        _o = options;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action == EventActions.ShipmentScan && e.GetString(TelemetryFields.ShipmentStatus) == ParcelCustodyDetector.Delivered)
        {
            if (!string.IsNullOrEmpty(e.UserName)) keys.Add(new DetectorKey(CourierSlot, e.UserName));
            if (e.GetString(TelemetryFields.RouteId) is { Length: > 0 } route) keys.Add(new DetectorKey(RouteSlot, route));
        }
        else if (e.Action == PhysicalActions.DeliveryClaim)
        {
            if (e.GetString(TelemetryFields.Courier) is { Length: > 0 } courier) keys.Add(new DetectorKey(CourierSlot, courier));
            if (e.GetString(TelemetryFields.RouteId) is { Length: > 0 } route) keys.Add(new DetectorKey(RouteSlot, route));
            if (!string.IsNullOrEmpty(e.UserName)) keys.Add(new DetectorKey(CustomerSlot, e.UserName));
        }
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (!_state.TryGetValue(key, out var s))
        {
            s = new State();
            _state[key] = s;
        }

        s.LastSeen = e.Timestamp > s.LastSeen ? e.Timestamp : s.LastSeen;
        var window = key.Slot == CustomerSlot ? _o.CustomerWindow : _o.Window;
        while (s.Deliveries.TryPeek(out var d) && e.Timestamp - d > window) s.Deliveries.Dequeue();
        while (s.Claims.TryPeek(out var c) && e.Timestamp - c.At > window) s.Claims.Dequeue();
        if (e.Action == EventActions.ShipmentScan)
        {
            s.Deliveries.Enqueue(e.Timestamp);
            return;
        }

        s.Claims.Enqueue((e.Timestamp, e.Id, e.GetString(TelemetryFields.ParcelId)));
        // Once reported, a key is quiet for a window: the incident is open, and each further claim would only repeat it.
        if (s.ReportedAt is { } reported && e.Timestamp - reported < window) return;
        if (key.Slot == CustomerSlot)
        {
            if (s.Claims.Count < _o.CustomerMinClaims) return;
            Emit(findings, CustomerRule, Severity.Medium, 0.6, key, s, e,
                FormattableString.Invariant($"customer {key.Value} claimed non-delivery of {s.Claims.Count} parcels in {_o.CustomerWindow.TotalDays:0} days ({Parcels(s)}); threshold {_o.CustomerMinClaims}"),
                [Entity.User(key.Value)]);
            return;
        }

        double rate = s.Claims.Count / (double)Math.Max(1, s.Deliveries.Count);
        if (s.Claims.Count < _o.MinClaims || rate <= _o.MaxLossRate) return;
        bool courier = key.Slot == CourierSlot;
        Emit(findings, courier ? CourierRule : RouteRule, Severity.High, 0.7, key, s, e,
            FormattableString.Invariant($"{(courier ? "courier" : "route")} {key.Value}: {s.Claims.Count} non-delivery claims for {s.Deliveries.Count} deliveries in {_o.Window.TotalDays:0} days ({rate:P1}; {Parcels(s)}); allowed {_o.MaxLossRate:P1} from {_o.MinClaims} claims"),
            courier ? [Entity.User(key.Value)] : [new Entity(AssetKinds.Route, key.Value)]);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        if (!_sweep.Due(now)) return;
        var longest = _o.Window > _o.CustomerWindow ? _o.Window : _o.CustomerWindow;
        foreach (var k in _state.Where(kv => Latest(kv.Value) is { } l && now - l > longest).Select(kv => kv.Key).ToList()) _state.Remove(k);
    }

    private static DateTimeOffset? Latest(State s) => s.LastSeen;

    private static string Parcels(State s) => string.Join(", ", s.Claims.Select(c => c.Parcel ?? "-").Take(5)) + (s.Claims.Count > 5 ? ", ..." : "");

    private static void Emit(IFindingSink findings, string rule, Severity severity, double confidence, DetectorKey key, State s, SecurityEvent e, string explanation, List<Entity> entities)
    {
        s.ReportedAt = e.Timestamp;
        s.Firings++;
        entities.AddRange(s.Claims.Select(c => c.Parcel).OfType<string>().Distinct(StringComparer.Ordinal).Take(10).Select(p => new Entity(AssetKinds.Parcel, p)));
        var ids = s.Claims.Select(c => c.EventId).ToList();
        findings.Emit(Findings.Create(DetectorName, rule, Technique, severity, confidence, $"{key.Slot}:{key.Value}", s.Firings, explanation,
            ids, ids.Count, s.Claims.Peek().At, e.Timestamp, entities));
    }

    private sealed class State
    {
        public Queue<DateTimeOffset> Deliveries { get; } = new();
        public Queue<(DateTimeOffset At, string EventId, string? Parcel)> Claims { get; } = new();
        public DateTimeOffset? ReportedAt { get; set; }
        public DateTimeOffset? LastSeen { get; set; }
        public int Firings { get; set; }
    }
}
