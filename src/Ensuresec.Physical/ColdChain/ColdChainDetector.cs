using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Physical.Common;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.ColdChain;

/// <summary>
/// Cold chain, per shipment and temperature sensor. ES-CCH-001: the temperature stayed outside the allowed range
/// longer than allowed at a stretch. ES-CCH-002: the shipment's mean kinetic temperature went over the allowed value
/// (catches a reefer cycled off for short spells that no single excursion reveals). Readings that are invalid,
/// repeated or older than the last one are skipped here; the sensor-integrity detector reports them.
/// Technique T0879 (ATT&amp;CK for ICS, Damage to Property): spoiled goods.
/// </summary>
internal sealed class ColdChainDetector : IDetector
{
    public const string DetectorName = "cold-chain";
    public const string ExcursionRule = "ES-CCH-001";
    public const string MktRule = "ES-CCH-002";
    private const string Technique = "T0879";

    private readonly ColdChainOptions _o;
    private readonly Dictionary<string, State> _state = new(StringComparer.Ordinal);
    private readonly Sweep _sweep = new(TimeSpan.FromHours(1));

    public ColdChainDetector(ColdChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.ThrowIfInvalid(options.Validate(), nameof(options));
        _o = options;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action != EventActions.SensorReading || e.GetString(TelemetryFields.SensorType) != SensorTypes.Temperature) return;
        string? sensor = e.GetString(TelemetryFields.SensorId);
        if (string.IsNullOrEmpty(sensor)) return;
        string holder = e.GetString(TelemetryFields.ShipmentId) ?? e.GetString(TelemetryFields.VehicleId) ?? "-";
        keys.Add(new DetectorKey(0, holder + "\n" + sensor));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (!SensorReader.TryRead(e, out var r, out _) || r!.Value is not double t) return;
        if (!_state.TryGetValue(key.Value, out var s))
        {
            s = new State(new MeanKineticTemperature(_o.ActivationEnergy), e.Timestamp);
            _state[key.Value] = s;
        }

        if (s.Last is { } last && e.Timestamp <= last) return;
        if (s.Last is { } prev)
        {
            double seconds = Math.Min((e.Timestamp - prev).TotalSeconds, _o.MaxReadingWeight.TotalSeconds);
            s.Mkt.Add(s.LastValue, seconds);
        }

        s.Last = e.Timestamp;
        s.LastValue = t;
        s.Vehicle ??= r.VehicleId;
        s.Shipment ??= r.ShipmentId;
        s.Sensor = r.SensorId;
        CheckExcursion(e, t, key.Value, s, findings);
        CheckMkt(e, key.Value, s, findings);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        if (!_sweep.Due(now)) return;
        foreach (var k in _state.Where(kv => now - kv.Value.Last > _o.Idle).Select(kv => kv.Key).ToList()) _state.Remove(k);
    }

    private void CheckExcursion(SecurityEvent e, double t, string key, State s, IFindingSink findings)
    {
        bool outside = t < _o.MinCelsius || t > _o.MaxCelsius;
        if (!outside)
        {
            s.ExcursionStart = null;
            s.Excursion.Clear();
            s.ExcursionReported = false;
            return;
        }

        s.ExcursionStart ??= e.Timestamp;
        s.Excursion.Add(e);
        s.Extreme = s.Excursion.Count == 1 ? t : t > _o.MaxCelsius ? Math.Max(s.Extreme, t) : Math.Min(s.Extreme, t);
        var lasted = e.Timestamp - s.ExcursionStart.Value;
        if (s.ExcursionReported || lasted < _o.MaxExcursion) return;
        s.ExcursionReported = true;
        s.ExcursionFirings++;
        string side = t > _o.MaxCelsius ? "above" : "below";
        string explanation = FormattableString.Invariant(
            $"shipment {s.Shipment ?? "-"} (sensor {s.Sensor}, vehicle {s.Vehicle ?? "-"}) was {side} the {_o.MinCelsius}-{_o.MaxCelsius} °C range for {lasted.TotalMinutes:0} min, reaching {s.Extreme:0.0} °C; allowed {_o.MaxExcursion.TotalMinutes:0} min");
        findings.Emit(Findings.Create(DetectorName, ExcursionRule, Technique, Severity.High, 0.9, key, s.ExcursionFirings, explanation,
            s.Excursion.Ids, s.Excursion.Count, s.ExcursionStart.Value, e.Timestamp, Entities(s)));
    }

    private void CheckMkt(SecurityEvent e, string key, State s, IFindingSink findings)
    {
        if (s.Since == default) s.Since = e.Timestamp;
        s.MktEvidence.Add(e);
        if (s.MktReported || s.Mkt.Seconds < _o.MktMinSpan.TotalSeconds || s.Mkt.Celsius is not double mkt || mkt <= _o.MaxMkt) return;
        s.MktReported = true;
        string explanation = FormattableString.Invariant(
            $"shipment {s.Shipment ?? "-"} (sensor {s.Sensor}, vehicle {s.Vehicle ?? "-"}) has a mean kinetic temperature of {mkt:0.00} °C over {s.Mkt.Seconds / 3600:0.0} h; allowed {_o.MaxMkt} °C");
        findings.Emit(Findings.Create(DetectorName, MktRule, Technique, Severity.High, 0.85, key, 1, explanation,
            s.MktEvidence.Ids, s.MktEvidence.Count, s.Since, e.Timestamp, Entities(s)));
    }

    private static IEnumerable<Entity> Entities(State s) =>
        Findings.Assets((AssetKinds.Vehicle, s.Vehicle), (AssetKinds.Shipment, s.Shipment), (AssetKinds.Sensor, s.Sensor));

    private sealed class State(MeanKineticTemperature mkt, DateTimeOffset since)
    {
        public MeanKineticTemperature Mkt { get; } = mkt;
        public DateTimeOffset Since { get; set; } = since;
        public DateTimeOffset? Last { get; set; }
        public double LastValue { get; set; }
        public string? Vehicle { get; set; }
        public string? Shipment { get; set; }
        public string Sensor { get; set; } = string.Empty;
        public DateTimeOffset? ExcursionStart { get; set; }
        public EvidenceIds Excursion { get; } = new();
        public double Extreme { get; set; }
        public bool ExcursionReported { get; set; }
        public int ExcursionFirings { get; set; }
        public EvidenceIds MktEvidence { get; } = new();
        public bool MktReported { get; set; }
    }
}
