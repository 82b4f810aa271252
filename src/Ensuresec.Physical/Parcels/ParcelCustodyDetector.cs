using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Physical.Common;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Parcels;

/// <summary>
/// Chain of custody, per parcel. ES-PAR-001: the seal id changed between two scans (a swapped seal).
/// ES-PAR-002: delivered, but the proof-of-delivery position is far from the destination (a courier marking a
/// parcel delivered that never arrived). ES-PAR-003: a customer claims non-delivery of a parcel whose proof of
/// delivery was scanned at the destination. ES-PAR-004: a scan whose position is not on the Earth (reported, not used).
/// Technique T1657 (Financial Theft): goods or refunds stolen.
/// </summary>
internal sealed class ParcelCustodyDetector : IDetector
{
    public const string DetectorName = "parcel-custody";
    public const string SealRule = "ES-PAR-001";
    public const string PodRule = "ES-PAR-002";
    public const string ClaimRule = "ES-PAR-003";
    public const string BadScanRule = "ES-PAR-004";
    public const string Delivered = "delivered";
    private const string Technique = "T1657";

    private readonly ParcelCustodyOptions _o;
    private readonly Dictionary<string, State> _state = new(StringComparer.Ordinal);
    private readonly Sweep _sweep = new(TimeSpan.FromHours(1));

    public ParcelCustodyDetector(ParcelCustodyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.ThrowIfInvalid(options.Validate(), nameof(options));
        _o = options;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action is not (EventActions.ShipmentScan or PhysicalActions.DeliveryClaim)) return;
        if (e.GetString(TelemetryFields.ParcelId) is { Length: > 0 } parcel) keys.Add(new DetectorKey(0, parcel));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (!_state.TryGetValue(key.Value, out var s))
        {
            s = new State(key.Value);
            _state[key.Value] = s;
        }

        s.LastEvent = e.Timestamp;
        s.Shipment ??= e.GetString(TelemetryFields.ShipmentId);
        s.Vehicle ??= e.GetString(TelemetryFields.VehicleId);
        if (e.Action == PhysicalActions.DeliveryClaim) OnClaim(e, s, findings);
        else OnScan(e, s, findings);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        if (!_sweep.Due(now)) return;
        foreach (var k in _state.Where(kv => now - kv.Value.LastEvent > _o.Idle).Select(kv => kv.Key).ToList()) _state.Remove(k);
    }

    private void OnScan(SecurityEvent e, State s, IFindingSink findings)
    {
        GeoPoint? at = null;
        if (!GeoReader.TryRead(e, TelemetryFields.Position, out at, out string? error) ||
            !GeoReader.TryRead(e, TelemetryFields.Destination, out var destination, out error))
        {
            Emit(findings, BadScanRule, Severity.Low, 0.9, s, $"scan of parcel {s.Parcel} has an invalid position: {error}; the position was not used", e, e.UserName);
            at = null;
        }
        else if (destination is not null)
        {
            s.Destination = destination;
        }

        if (e.GetString(TelemetryFields.SealId) is { Length: > 0 } seal)
        {
            if (s.Seal is null)
            {
                s.Seal = seal;
                s.SealEventId = e.Id;
            }
            else if (!string.Equals(s.Seal, seal, StringComparison.Ordinal))
            {
                Emit(findings, SealRule, Severity.High, 0.9, s,
                    $"parcel {s.Parcel}'s seal changed from {SensorReader.Clip(s.Seal)} to {SensorReader.Clip(seal)} between two scans ({e.GetString(TelemetryFields.ShipmentStatus) ?? "scan"} by {e.UserName ?? "-"})",
                    e, e.UserName, s.SealEventId);
                s.Seal = seal;
                s.SealEventId = e.Id;
            }
        }

        if (!string.Equals(e.GetString(TelemetryFields.ShipmentStatus), Delivered, StringComparison.Ordinal)) return;
        s.DeliveredEventId = e.Id;
        s.Courier = e.UserName;
        s.PodDistance = at is { } p && s.Destination is { } d ? Geo.Distance(p, d) : null;
        if (s.PodDistance is double far && far > _o.MaxPodDistanceMetres)
        {
            Emit(findings, PodRule, Severity.High, 0.8, s,
                FormattableString.Invariant($"parcel {s.Parcel} was marked delivered by {e.UserName ?? "-"} at {at}, {far / 1000:0.00} km from its destination; allowed {_o.MaxPodDistanceMetres:0} m"),
                e, e.UserName);
        }
    }

    private void OnClaim(SecurityEvent e, State s, IFindingSink findings)
    {
        if (s.PodDistance is not double near || near > _o.PodConfirmsMetres) return;
        Emit(findings, ClaimRule, Severity.Medium, 0.6, s,
            FormattableString.Invariant($"{e.UserName ?? "-"} claims parcel {s.Parcel} never arrived, but {s.Courier ?? "the courier"} scanned its delivery {near:0} m from the destination"),
            e, e.UserName, s.DeliveredEventId);
    }

    private static void Emit(IFindingSink findings, string rule, Severity severity, double confidence, State s, string explanation, SecurityEvent e, string? actor, string? earlierEventId = null)
    {
        s.Firings++;
        List<string> ids = earlierEventId is null ? [e.Id] : [earlierEventId, e.Id];
        var entities = new List<Entity>();
        if (!string.IsNullOrEmpty(actor)) entities.Add(Entity.User(actor));
        entities.AddRange(Findings.Assets((AssetKinds.Parcel, s.Parcel), (AssetKinds.Shipment, s.Shipment), (AssetKinds.Vehicle, s.Vehicle)));
        findings.Emit(Findings.Create(DetectorName, rule, Technique, severity, confidence, s.Parcel, s.Firings, explanation, ids, ids.Count, e.Timestamp, e.Timestamp, entities));
    }

    private sealed class State(string parcel)
    {
        public string Parcel { get; } = parcel;
        public DateTimeOffset LastEvent { get; set; }
        public string? Shipment { get; set; }
        public string? Vehicle { get; set; }
        public string? Seal { get; set; }
        public string? SealEventId { get; set; }
        public GeoPoint? Destination { get; set; }
        public string? DeliveredEventId { get; set; }
        public string? Courier { get; set; }
        public double? PodDistance { get; set; }
        public int Firings { get; set; }
    }
}
