using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Physical.Common;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Sensors;

/// <summary>
/// Readings that cannot be real, per sensor: a spoofed or failing sensor. ES-SNS-001: invalid readings (out of
/// physical range, missing or unknown unit, position outside the Earth). ES-SNS-002: an impossible move (speed).
/// ES-SNS-003: a frozen value. ES-SNS-004: a sequence of values replayed. ES-SNS-005: the clock went backwards.
/// Exact duplicates (same time, value and sequence) are dropped silently: a resend is not an attack.
/// Technique T0856 (ATT&amp;CK for ICS, Spoof Reporting Message).
/// </summary>
internal sealed class SensorIntegrityDetector : IDetector
{
    public const string DetectorName = "sensor-integrity";
    public const string InvalidRule = "ES-SNS-001";
    public const string SpeedRule = "ES-SNS-002";
    public const string FrozenRule = "ES-SNS-003";
    public const string ReplayRule = "ES-SNS-004";
    public const string ClockRule = "ES-SNS-005";
    private const string Technique = "T0856";

    private readonly SensorIntegrityOptions _o;
    private readonly Dictionary<string, SensorState> _state = new(StringComparer.Ordinal);
    private readonly Sweep _sweep = new(TimeSpan.FromHours(1));

    public SensorIntegrityDetector(SensorIntegrityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.ThrowIfInvalid(options.Validate(), nameof(options));
        _o = options;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action != EventActions.SensorReading) return;
        // Readings without a sensor id are still checked, together, so that they are reported rather than lost.
        keys.Add(new DetectorKey(0, e.GetString(TelemetryFields.SensorId) is { Length: > 0 } id ? id : "-"));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (!_state.TryGetValue(key.Value, out var s))
        {
            s = new SensorState(key.Value, _o.ReplayLength);
            _state[key.Value] = s;
        }

        if (!SensorReader.TryRead(e, out var r, out string? error))
        {
            Invalid(e, s, error ?? "not a reading", findings);
            return;
        }

        s.Vehicle ??= r!.VehicleId;
        s.Atm ??= r!.AtmId;
        if (s.Last is { } last)
        {
            if (e.Timestamp == last && r!.Value == s.LastValue && r.Sequence == s.LastSequence && r.State == s.LastState) return; // duplicate
            if (e.Timestamp < last - _o.ClockTolerance)
            {
                Backwards(e, r!, s, last, findings);
                return;
            }
        }

        s.Last = e.Timestamp;
        s.LastSequence = r!.Sequence;
        s.LastValue = r.Value;
        s.LastState = r.State;
        if (r.Position is { } p) CheckSpeed(e, p, s, findings);
        if (r.Value is double v)
        {
            CheckFrozen(e, v, s, findings);
            CheckReplay(e, v, s, findings);
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        if (!_sweep.Due(now)) return;
        foreach (var k in _state.Where(kv => kv.Value.Last is { } l && now - l > _o.Idle).Select(kv => kv.Key).ToList()) _state.Remove(k);
    }

    private void Invalid(SecurityEvent e, SensorState s, string reason, IFindingSink findings)
    {
        s.Invalid.Add(e);
        if (s.InvalidReportedAt is { } at && e.Timestamp - at < _o.ReportEvery) return;
        s.InvalidReportedAt = e.Timestamp;
        s.Firings++;
        string explanation = $"sensor {s.Sensor} sent {s.Invalid.Count} invalid reading(s), e.g. {reason}; they were not used";
        Emit(findings, InvalidRule, Severity.Low, 0.9, s, explanation, s.Invalid, e.Timestamp);
        s.Invalid.Clear();
    }

    private void Backwards(SecurityEvent e, SensorReading r, SensorState s, DateTimeOffset last, IFindingSink findings)
    {
        // A lower sequence number is a late delivery of an older reading, not a clock fault: not a finding.
        if (r.Sequence is long seq && s.LastSequence is long lastSeq && seq < lastSeq) return;
        bool proven = r.Sequence is not null && s.LastSequence is not null;
        s.Firings++;
        string explanation = FormattableString.Invariant(
            $"sensor {s.Sensor}'s clock went back {(last - e.Timestamp).TotalSeconds:0} s (from {last:yyyy-MM-dd HH:mm:ss} to {e.Timestamp:HH:mm:ss})") +
            (proven ? " while its sequence number went forward" : " (no sensor.sequence to tell a late delivery)");
        var evidence = new EvidenceIds();
        evidence.Add(e);
        Emit(findings, ClockRule, proven ? Severity.Medium : Severity.Low, proven ? 0.8 : 0.4, s, explanation, evidence, e.Timestamp);
    }

    private void CheckSpeed(SecurityEvent e, GeoPoint p, SensorState s, IFindingSink findings)
    {
        if (s.Position is { } prev && s.PositionAt is { } at)
        {
            double metres = Geo.Distance(prev, p);
            double hours = Math.Max((e.Timestamp - at).TotalHours, 1.0 / 3600);
            double kmh = metres / 1000 / hours;
            if (metres >= _o.MinJumpMetres && kmh > _o.MaxSpeedKmh)
            {
                s.Firings++;
                string explanation = FormattableString.Invariant(
                    $"sensor {s.Sensor} moved {metres / 1000:0.0} km in {(e.Timestamp - at).TotalMinutes:0.#} min ({kmh:0} km/h) from {prev} to {p}; fastest plausible {_o.MaxSpeedKmh:0} km/h");
                var evidence = new EvidenceIds();
                evidence.Add(e);
                Emit(findings, SpeedRule, Severity.Medium, 0.7, s, explanation, evidence, e.Timestamp);
            }
        }

        s.Position = p;
        s.PositionAt = e.Timestamp;
    }

    private void CheckFrozen(SecurityEvent e, double v, SensorState s, IFindingSink findings)
    {
        if (s.FrozenValue == v)
        {
            s.Frozen.Add(e);
        }
        else
        {
            s.FrozenValue = v;
            s.Frozen.Clear();
            s.Frozen.Add(e);
            s.FrozenReported = false;
        }

        if (s.FrozenReported || s.Frozen.Count < _o.FrozenReadings || e.Timestamp - s.Frozen.First < _o.FrozenSpan) return;
        s.FrozenReported = true;
        s.Firings++;
        string explanation = FormattableString.Invariant(
            $"sensor {s.Sensor} reported exactly {v} {s.Frozen.Count} times in a row over {(e.Timestamp - s.Frozen.First).TotalHours:0.0} h; a live sensor jitters");
        Emit(findings, FrozenRule, Severity.Medium, 0.6, s, explanation, s.Frozen, e.Timestamp);
    }

    private void CheckReplay(SecurityEvent e, double v, SensorState s, IFindingSink findings)
    {
        s.Recent.Add(v);
        if (!s.Recent.Full) return;
        while (s.SeenOrder.TryPeek(out var oldest) && e.Timestamp - oldest.At > _o.ReplayMemory)
        {
            s.SeenOrder.Dequeue();
            if (s.Seen.TryGetValue(oldest.Signature, out var at0) && at0 == oldest.At) s.Seen.Remove(oldest.Signature);
        }

        var window = s.Recent.Snapshot();
        if (window.Distinct().Count() < _o.ReplayMinDistinct) return;
        ulong signature = Signature(window);
        if (!s.Seen.TryGetValue(signature, out var firstAt))
        {
            s.Seen[signature] = e.Timestamp;
            s.SeenOrder.Enqueue((signature, e.Timestamp));
            return;
        }

        if (s.ReplayReportedAt is { } at && e.Timestamp - at < _o.ReportEvery) return;
        s.ReplayReportedAt = e.Timestamp;
        s.Firings++;
        string explanation = FormattableString.Invariant(
            $"sensor {s.Sensor} repeated the exact sequence of {window.Count} values it first sent at {firstAt:yyyy-MM-dd HH:mm}; recorded values played back");
        var evidence = new EvidenceIds();
        evidence.Add(e);
        Emit(findings, ReplayRule, Severity.High, 0.8, s, explanation, evidence, e.Timestamp);
    }

    /// <summary>FNV-1a over the values' bits: 64 bits keep chance collisions negligible for a day of readings.</summary>
    private static ulong Signature(IReadOnlyList<double> values)
    {
        ulong h = 14695981039346656037UL;
        foreach (double v in values)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(v);
            for (int i = 0; i < 8; i++)
            {
                h ^= (bits >> (8 * i)) & 0xFF;
                h = unchecked(h * 1099511628211UL);
            }
        }

        return h;
    }

    private void Emit(IFindingSink findings, string rule, Severity severity, double confidence, SensorState s, string explanation, EvidenceIds evidence, DateTimeOffset at) =>
        findings.Emit(Findings.Create(DetectorName, rule, Technique, severity, confidence, s.Sensor, s.Firings, explanation,
            evidence.Ids, evidence.Count, evidence.Count > 0 ? evidence.First : at, at,
            Findings.Assets((AssetKinds.Vehicle, s.Vehicle), (AssetKinds.Atm, s.Atm), (AssetKinds.Sensor, s.Sensor))));
}
