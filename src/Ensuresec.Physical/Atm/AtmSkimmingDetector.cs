using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Physical.Assets;
using Ensuresec.Physical.Common;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Atm;

/// <summary>
/// ATM skimming and what follows it. ES-ATM-001 (T1200, Hardware Additions): a tamper sensor tripped, the cabinet
/// door opened, or a burst of strong vibrations, outside a service visit. From then until the next service, cards
/// read at that ATM are exposed. ES-ATM-002 (T1657, Financial Theft): an exposed card used elsewhere, online
/// (a payment-attempt) or at another ATM, by someone other than the cardholder the ATM read named (user.name of
/// the atm-transaction; when the ATM names nobody, any use counts); the finding names the card, the tampered ATM and the new address and
/// account, so the incident correlator joins the physical tampering with the online fraud that no single key links.
/// Keyed on one constant key: the card reads of every ATM must meet the payments of every card. Its state is
/// bounded (<see cref="AtmSkimmingOptions.MaxExposedCards"/>); a bank too large for one partition would shard by
/// card range upstream. With an asset map, findings name the ATM's branch (site.id), and a sensor the map attaches
/// to an ATM counts for it even when its events do not carry atm.id.
/// </summary>
internal sealed class AtmSkimmingDetector : IDetector
{
    public const string DetectorName = "atm-skimming";
    public const string TamperRule = "ES-ATM-001";
    public const string CardUseRule = "ES-ATM-002";
    private static readonly DetectorKey Key = new(0, "atm");

    private readonly AtmSkimmingOptions _o;
    private readonly AssetMap _map;
    private readonly Dictionary<string, AtmState> _atms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exposure> _exposed = new(StringComparer.Ordinal);
    private readonly Queue<(string Card, DateTimeOffset At)> _exposureOrder = new();
    private int _firings;

    public AtmSkimmingDetector(AtmSkimmingOptions options, AssetMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.ThrowIfInvalid(options.Validate(), nameof(options));
        _o = options;
        _map = map ?? AssetMap.Empty;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        bool relevant = e.Action switch
        {
            EventActions.SensorReading => AtmOf(e) is { Length: > 0 },
            PhysicalActions.AtmService or PhysicalActions.AtmTransaction => e.GetString(TelemetryFields.AtmId) is { Length: > 0 },
            EventActions.PaymentAttempt => !string.IsNullOrEmpty(e.CardFingerprint),
            _ => false,
        };
        if (relevant) keys.Add(Key);
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        switch (e.Action)
        {
            case EventActions.PaymentAttempt:
                OnCardUse(e, null, findings);
                break;
            case PhysicalActions.AtmTransaction:
                OnAtmTransaction(e, findings);
                break;
            case PhysicalActions.AtmService:
                var serviced = Atm(e.GetString(TelemetryFields.AtmId)!);
                serviced.ServiceUntil = e.Timestamp + _o.ServiceWindow;
                serviced.CompromisedSince = null;
                break;
            default:
                OnSensor(e, findings);
                break;
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        while (_exposureOrder.TryPeek(out var oldest) && (now - oldest.At > _o.UseWindow || _exposed.Count > _o.MaxExposedCards))
        {
            _exposureOrder.Dequeue();
            if (_exposed.TryGetValue(oldest.Card, out var x) && x.ReadAt == oldest.At) _exposed.Remove(oldest.Card);
        }

        foreach (var atm in _atms.Values)
        {
            if (atm.CompromisedSince is { } since && now - since > _o.MaxExposure) atm.CompromisedSince = null;
        }
    }

    private string? AtmOf(SecurityEvent e) =>
        e.GetString(TelemetryFields.AtmId) is { Length: > 0 } atm ? atm
        : e.GetString(TelemetryFields.SensorId) is { Length: > 0 } sensor ? _map.AtmOfSensor(sensor) : null;

    /// <summary>" at branch B" and the branch's entity when the asset map places the ATM.</summary>
    private (string Text, Entity? Entity) Branch(string atm) =>
        _map.BranchOf(atm) is { } b ? ($" at branch {b.Id}{(b.Name is null ? "" : " (" + b.Name + ")")}", new Entity(AssetKinds.Site, b.Id)) : ("", null);

    private AtmState Atm(string id)
    {
        if (!_atms.TryGetValue(id, out var a))
        {
            a = new AtmState(id);
            _atms[id] = a;
        }

        return a;
    }

    private void OnSensor(SecurityEvent e, IFindingSink findings)
    {
        if (!SensorReader.TryRead(e, out var r, out _) || (r!.AtmId ?? _map.AtmOfSensor(r.SensorId)) is not { } atmId) return;
        var atm = Atm(atmId);
        if (atm.ServiceUntil is { } until && e.Timestamp <= until) return;
        string? signal = null;
        var severity = Severity.High;
        if (r.Type == SensorTypes.Tamper && r.State == true) signal = $"tamper sensor {r.SensorId} ({e.GetString(TelemetryFields.AtmComponent) ?? "unknown component"}) tripped";
        else if (r.Type == SensorTypes.Door && r.State == true) signal = $"cabinet door {r.SensorId} opened with no service visit";
        else if (r.Type == SensorTypes.Vibration && r.Value >= _o.VibrationG)
        {
            atm.Vibrations.Enqueue((e.Timestamp, e.Id));
            while (atm.Vibrations.TryPeek(out var v) && e.Timestamp - v.At > _o.VibrationWindow) atm.Vibrations.Dequeue();
            if (atm.Vibrations.Count >= _o.VibrationBurst)
            {
                signal = FormattableString.Invariant($"{atm.Vibrations.Count} vibrations of at least {_o.VibrationG} g within {_o.VibrationWindow.TotalMinutes:0} min");
                severity = Severity.Medium;
            }
        }

        if (signal is null) return;
        bool newEpisode = atm.CompromisedSince is null;
        atm.CompromisedSince ??= e.Timestamp;
        if (!newEpisode) return;
        var ids = atm.Vibrations.Select(v => v.EventId).Append(e.Id).Distinct(StringComparer.Ordinal).ToList();
        var branch = Branch(atm.Id);
        string explanation = $"ATM {atm.Id}{branch.Text}: {signal}; cards read there from {e.Timestamp:yyyy-MM-dd HH:mm} until it is serviced are treated as exposed";
        findings.Emit(Findings.Create(DetectorName, TamperRule, "T1200", severity, severity == Severity.High ? 0.85 : 0.6, atm.Id, ++_firings, explanation,
            ids, ids.Count, e.Timestamp, e.Timestamp, Findings.Assets((AssetKinds.Atm, atm.Id), (AssetKinds.Sensor, r.SensorId), (AssetKinds.Site, branch.Entity?.Value))));
    }

    private void OnAtmTransaction(SecurityEvent e, IFindingSink findings)
    {
        string atmId = e.GetString(TelemetryFields.AtmId)!;
        if (string.IsNullOrEmpty(e.CardFingerprint)) return;
        if (_exposed.TryGetValue(e.CardFingerprint, out var x) && !string.Equals(x.AtmId, atmId, StringComparison.Ordinal))
        {
            OnCardUse(e, atmId, findings);
            return;
        }

        var atm = Atm(atmId);
        if (atm.CompromisedSince is null || _exposed.ContainsKey(e.CardFingerprint)) return;
        _exposed[e.CardFingerprint] = new Exposure(atmId, e.Timestamp, e.Id, e.UserName);
        _exposureOrder.Enqueue((e.CardFingerprint, e.Timestamp));
    }

    private void OnCardUse(SecurityEvent e, string? otherAtm, IFindingSink findings)
    {
        string card = e.CardFingerprint!;
        if (!_exposed.TryGetValue(card, out var x) || x.Reported || e.Timestamp <= x.ReadAt || e.Timestamp - x.ReadAt > _o.UseWindow) return;
        // The cardholder paying with their own card is not the fraud; anyone else (or an unknown holder) is.
        if (x.Owner is not null && string.Equals(x.Owner, e.UserName, StringComparison.Ordinal)) return;
        x.Reported = true;
        string where = otherAtm is null
            ? $"card-not-present{(e.SourceIp is null ? "" : " from " + e.SourceIp)}{(e.UserName is null ? "" : " by account " + e.UserName)}"
            : $"at another ATM, {otherAtm}";
        string explanation = FormattableString.Invariant(
            $"card {card} was read at ATM {x.AtmId}{Branch(x.AtmId).Text} at {x.ReadAt:yyyy-MM-dd HH:mm} while it was tampered with, then used {where} {(e.Timestamp - x.ReadAt).TotalHours:0.#} h later ({e.Outcome ?? "unknown"} payment)");
        var entities = new List<Entity> { Entity.Card(card), new(AssetKinds.Atm, x.AtmId) };
        if (!string.IsNullOrEmpty(e.SourceIp)) entities.Add(Entity.Ip(e.SourceIp));
        if (!string.IsNullOrEmpty(e.UserName)) entities.Add(Entity.User(e.UserName));
        if (otherAtm is not null) entities.Add(new Entity(AssetKinds.Atm, otherAtm));
        if (Branch(x.AtmId).Entity is { } site) entities.Add(site);
        findings.Emit(Findings.Create(DetectorName, CardUseRule, "T1657", Severity.High, 0.75, card, ++_firings, explanation,
            [x.EventId, e.Id], 2, x.ReadAt, e.Timestamp, entities));
    }

    private sealed class AtmState(string id)
    {
        public string Id { get; } = id;
        public DateTimeOffset? ServiceUntil { get; set; }
        public DateTimeOffset? CompromisedSince { get; set; }
        public Queue<(DateTimeOffset At, string EventId)> Vibrations { get; } = new();
    }

    private sealed class Exposure(string atmId, DateTimeOffset readAt, string eventId, string? owner)
    {
        public string? Owner { get; } = owner;
        public string AtmId { get; } = atmId;
        public DateTimeOffset ReadAt { get; } = readAt;
        public string EventId { get; } = eventId;
        public bool Reported { get; set; }
    }
}
