using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Physical.Assets;
using Ensuresec.Physical.Common;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Routes;

/// <summary>
/// Per vehicle, against its latest route plan. ES-ROU-001: outside the planned corridor for longer than allowed,
/// measured against the part of the route the vehicle has reached (<see cref="RouteProgress"/>), not any leg.
/// ES-ROU-002: stopped away from any depot or planned stop for longer than allowed. ES-ROU-003: a cargo door opened
/// away from any depot or planned stop. A re-plan (a new route-plan event, e.g. around a road closure) replaces the
/// corridor. Without a plan only a door is judged, against the asset map's depots, warehouses, pharmacies and
/// delivery points (when a map is given): the detector never guesses a route. A sensor that the map attaches to a
/// vehicle counts for that vehicle even when its events do not name it.
/// Technique T1657 (Financial Theft), the closest ATT&amp;CK has to cargo theft.
/// </summary>
internal sealed class RouteMonitorDetector : IDetector
{
    public const string DetectorName = "route-monitor";
    public const string DeviationRule = "ES-ROU-001";
    public const string StopRule = "ES-ROU-002";
    public const string DoorRule = "ES-ROU-003";
    private const string Technique = "T1657";

    private readonly RouteMonitorOptions _o;
    private readonly AssetMap _map;
    private readonly Dictionary<string, State> _state = new(StringComparer.Ordinal);
    private readonly Sweep _sweep = new(TimeSpan.FromHours(1));

    public RouteMonitorDetector(RouteMonitorOptions options, AssetMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.ThrowIfInvalid(options.Validate(), nameof(options));
        _o = options;
        _map = map ?? AssetMap.Empty;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action is not (EventActions.SensorReading or PhysicalActions.RoutePlan)) return;
        if (e.Action == EventActions.SensorReading && e.GetString(TelemetryFields.SensorType) is not (SensorTypes.Gps or SensorTypes.Door)) return;
        if (VehicleOf(e) is { Length: > 0 } vehicle) keys.Add(new DetectorKey(0, vehicle));
    }

    private string? VehicleOf(SecurityEvent e) =>
        e.GetString(TelemetryFields.VehicleId) is { Length: > 0 } vehicle ? vehicle
        : e.GetString(TelemetryFields.SensorId) is { Length: > 0 } sensor ? _map.VehicleOfSensor(sensor) : null;

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (!_state.TryGetValue(key.Value, out var s))
        {
            s = new State(key.Value);
            _state[key.Value] = s;
        }

        s.LastEvent = e.Timestamp;
        if (e.Action == PhysicalActions.RoutePlan)
        {
            if (RoutePlan.TryRead(e, _o.CorridorMetres, out var plan, out _))
            {
                s.Plan = plan;
                s.Progress = new RouteProgress(plan!.Path, plan.Corridor, _o.ProgressSlackMetres, _o.BacktrackMetres);
                s.LastFix = null;
                s.OutsideMetres = 0;
                s.DeviationStart = null;
                s.Deviation.Clear();
            }

            return;
        }

        if (!SensorReader.TryRead(e, out var r, out _)) return;
        if (s.PositionAt is { } at && e.Timestamp < at) return;
        if (r!.Type == SensorTypes.Gps) OnPosition(e, r.Position!.Value, s, findings);
        else OnDoor(e, r, s, findings);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        if (!_sweep.Due(now)) return;
        foreach (var k in _state.Where(kv => now - kv.Value.LastEvent > _o.PlanValidity + _o.PlanValidity).Select(kv => kv.Key).ToList()) _state.Remove(k);
    }

    private RoutePlan? ActivePlan(State s, DateTimeOffset now) => s.Plan is { } p && now - p.Since <= _o.PlanValidity ? p : null;

    private void OnPosition(SecurityEvent e, GeoPoint p, State s, IFindingSink findings)
    {
        s.Speed = s.Position is { } before && s.PositionAt is { } then && e.Timestamp > then ? Geo.Distance(before, p) / (e.Timestamp - then).TotalSeconds : 0;
        s.Position = p;
        s.PositionAt = e.Timestamp;
        var plan = ActivePlan(s, e.Timestamp);
        if (s.PendingDoor is { } door)
        {
            // The fix after a door opened places it too, as uncertain as the distance driven since the opening.
            s.PendingDoor = null;
            var since = e.Timestamp - door.E.Timestamp;
            if (plan is null && since <= _o.PositionMaxAge) JudgeDoorWithoutPlan(door.E, door.R, s, p, s.Speed * since.TotalSeconds, findings);
        }

        if (plan is null) return;
        CheckDeviation(e, p, plan, s, findings);
        CheckStop(e, p, plan, s, findings);
    }

    private void CheckDeviation(SecurityEvent e, GeoPoint p, RoutePlan plan, State s, IFindingSink findings)
    {
        // Judged against the part of the route the vehicle has reached, so a detour beside another leg is still a detour.
        double off = s.Progress!.Observe(p, e.Timestamp);
        bool atPlace = Geo.DistanceToNearest(p, plan.Places) <= _o.PlaceRadiusMetres;
        var previous = s.LastFix;
        s.LastFix = (e.Timestamp, p, off);
        if (off <= plan.Corridor || atPlace)
        {
            // At a depot or stop but off the reached part of the route: the vehicle took the stops in another order.
            if (off > plan.Corridor) s.Progress.Forget();
            // Back inside: fixes come a minute or so apart, so the time and distance outside are estimated from where the
            // vehicle crossed the corridor's edge on the way out and back, not only from the fixes taken outside.
            if (s.DeviationStart is { } since && !s.DeviationReported && s.Deviation.Count >= 2 && previous is { } last)
            {
                double f = Crossing(last.Off, off, plan.Corridor);
                s.OutsideMetres += f * Geo.Distance(last.At, p);
                var back = last.Time + (e.Timestamp - last.Time) * f;
                ReportDeviation(e, plan, s, back - since, back, findings);
            }

            s.DeviationStart = null;
            s.Deviation.Clear();
            s.DeviationReported = false;
            s.BesideOtherLeg = false;
            s.OutsideMetres = 0;
            return;
        }

        if (s.DeviationStart is null)
        {
            // The edge was crossed between the last fix inside and this one; a fix long ago (a dropout) tells nothing.
            double f = previous is { } last && last.Off <= plan.Corridor && e.Timestamp - last.Time <= _o.PositionMaxAge ? Crossing(last.Off, off, plan.Corridor) : 0;
            s.DeviationStart = previous is { } l && f > 0 ? e.Timestamp - (e.Timestamp - l.Time) * f : e.Timestamp;
            s.OutsideMetres = previous is { } l2 && f > 0 ? f * Geo.Distance(l2.At, p) : 0;
        }
        else if (previous is { } last)
        {
            s.OutsideMetres += Geo.Distance(last.At, p);
        }

        s.Deviation.Add(e);
        s.FarthestOff = s.Deviation.Count == 1 ? off : Math.Max(s.FarthestOff, off);
        if (Geo.DistanceToPath(p, plan.Path) <= plan.Corridor) s.BesideOtherLeg = true;
        if (s.DeviationReported || s.Deviation.Count < 2) return;
        ReportDeviation(e, plan, s, e.Timestamp - s.DeviationStart.Value, e.Timestamp, findings);
    }

    /// <summary>The fraction of the step from a fix <paramref name="from"/> metres off to one <paramref name="to"/> metres off that lies outside the corridor (linear between the two).</summary>
    private static double Crossing(double from, double to, double corridor)
    {
        if (from > corridor && to > corridor) return 1;
        if (from <= corridor && to <= corridor) return 0;
        double outside = from > corridor ? from - corridor : to - corridor;
        return Math.Clamp(outside / Math.Abs(to - from), 0, 1);
    }

    private void ReportDeviation(SecurityEvent e, RoutePlan plan, State s, TimeSpan lasted, DateTimeOffset at, IFindingSink findings)
    {
        if (lasted < _o.MinDeviation && s.OutsideMetres < _o.MinDeviationMetres) return;
        s.DeviationReported = true;
        s.Firings++;
        string explanation = FormattableString.Invariant(
            $"vehicle {s.Vehicle} left the corridor of route {plan.RouteId ?? "-"} for {lasted.TotalMinutes:0.0} min and {s.OutsideMetres / 1000:0.0} km, up to {s.FarthestOff / 1000:0.00} km off the planned path{(s.BesideOtherLeg ? " (partly beside another leg of the route, out of order)" : "")}; corridor {plan.Corridor:0} m, allowed {_o.MinDeviation.TotalMinutes:0} min or {_o.MinDeviationMetres / 1000:0.0} km");
        findings.Emit(Findings.Create(DetectorName, DeviationRule, Technique, Severity.Medium, 0.7, s.Vehicle, s.Firings, explanation,
            s.Deviation.Ids, s.Deviation.Count, s.DeviationStart!.Value, at < e.Timestamp ? e.Timestamp : at, Entities(s, plan)));
    }

    private void CheckStop(SecurityEvent e, GeoPoint p, RoutePlan plan, State s, IFindingSink findings)
    {
        if (s.StopAnchor is not { } anchor || Geo.Distance(anchor, p) > _o.StopRadiusMetres)
        {
            s.StopAnchor = p;
            s.StopStart = e.Timestamp;
            s.Stop.Clear();
            s.Stop.Add(e);
            s.StopReported = false;
            return;
        }

        s.Stop.Add(e);
        var lasted = e.Timestamp - s.StopStart;
        if (s.StopReported || lasted < _o.MinStop) return;
        double fromPlace = Geo.DistanceToNearest(anchor, plan.Places);
        if (fromPlace <= _o.PlaceRadiusMetres) return;
        s.StopReported = true;
        s.Firings++;
        string explanation = FormattableString.Invariant(
            $"vehicle {s.Vehicle} stopped {lasted.TotalMinutes:0} min at {anchor}, {fromPlace / 1000:0.00} km from any depot or planned stop of route {plan.RouteId ?? "-"}; allowed {_o.MinStop.TotalMinutes:0} min");
        findings.Emit(Findings.Create(DetectorName, StopRule, Technique, Severity.Medium, 0.6, s.Vehicle, s.Firings, explanation,
            s.Stop.Ids, s.Stop.Count, s.StopStart, e.Timestamp, Entities(s, plan)));
    }

    private void OnDoor(SecurityEvent e, SensorReading r, State s, IFindingSink findings)
    {
        if (r.State != true)
        {
            s.DoorOpen = false;
            return;
        }

        if (s.DoorOpen) return;
        s.DoorOpen = true;
        var plan = ActivePlan(s, e.Timestamp);
        GeoPoint? where = r.Position ?? (s.PositionAt is { } at && e.Timestamp - at <= _o.PositionMaxAge ? s.Position : null);
        if (where is not { } p) return;
        // A borrowed fix is as uncertain as the distance the vehicle may have covered since: its last speed times the fix's age.
        double uncertainty = r.Position is null && s.PositionAt is { } fixAt ? s.Speed * (e.Timestamp - fixAt).TotalSeconds : 0;
        if (plan is null)
        {
            if (_map.LoadingPlaces.Count > 0) OnDoorWithoutPlan(e, r, s, p, uncertainty, findings);
            return;
        }

        double fromPlace = Geo.DistanceToNearest(p, plan.Places);
        if (fromPlace - uncertainty <= _o.PlaceRadiusMetres) return;
        s.Firings++;
        string explanation = FormattableString.Invariant(
            $"cargo door {r.SensorId} of vehicle {s.Vehicle} opened at {p}, {fromPlace / 1000:0.00} km from any depot or planned stop of route {plan.RouteId ?? "-"}; allowed within {_o.PlaceRadiusMetres:0} m");
        findings.Emit(Findings.Create(DetectorName, DoorRule, Technique, Severity.High, 0.8, s.Vehicle, s.Firings, explanation,
            [e.Id], 1, e.Timestamp, e.Timestamp, Entities(s, plan).Append(new Entity(AssetKinds.Sensor, r.SensorId))));
    }

    /// <summary>
    /// No plan for the vehicle: the door is judged against the asset map's loading places, each with its own radius.
    /// Without a map (or a map with no such places) nothing is judged.
    /// </summary>
    private void OnDoorWithoutPlan(SecurityEvent e, SensorReading r, State s, GeoPoint p, double uncertainty, IFindingSink findings)
    {
        // Placed by an earlier fix and not clearly away: the next fix (often taken as the van stands) may place it better.
        if (!JudgeDoorWithoutPlan(e, r, s, p, uncertainty, findings) && uncertainty > 0) s.PendingDoor = (e, r);
    }

    private bool JudgeDoorWithoutPlan(SecurityEvent e, SensorReading r, State s, GeoPoint p, double uncertainty, IFindingSink findings)
    {
        if (_map.NearestLoadingPlace(p) is not { } nearest || nearest.Beyond - uncertainty <= 0) return false;
        s.Firings++;
        string home = _map.HomeOf(s.Vehicle) is { } depot ? FormattableString.Invariant($"; its home depot {depot.Id} is {Geo.Distance(p, depot.Position) / 1000:0.00} km away") : "";
        string explanation = FormattableString.Invariant(
            $"cargo door {r.SensorId} of vehicle {s.Vehicle} opened at {p} with no route plan, {Geo.Distance(p, nearest.Site.Position) / 1000:0.00} km from the nearest depot or delivery point of the asset map ({nearest.Site.Kind} {nearest.Site.Id}, radius {nearest.Site.RadiusMetres:0} m){home}");
        findings.Emit(Findings.Create(DetectorName, DoorRule, Technique, Severity.High, 0.7, s.Vehicle, s.Firings, explanation,
            [e.Id], 1, e.Timestamp, e.Timestamp,
            Findings.Assets((AssetKinds.Vehicle, s.Vehicle), (AssetKinds.Shipment, e.GetString(TelemetryFields.ShipmentId)), (AssetKinds.Sensor, r.SensorId))));
        return true;
    }

    private static IEnumerable<Entity> Entities(State s, RoutePlan plan) =>
        Findings.Assets((AssetKinds.Vehicle, s.Vehicle), (AssetKinds.Shipment, plan.ShipmentId), (AssetKinds.Route, plan.RouteId));

    private sealed class State(string vehicle)
    {
        public string Vehicle { get; } = vehicle;
        public DateTimeOffset LastEvent { get; set; }
        public RoutePlan? Plan { get; set; }
        public RouteProgress? Progress { get; set; }
        public bool BesideOtherLeg { get; set; }
        public (DateTimeOffset Time, GeoPoint At, double Off)? LastFix { get; set; }
        public double OutsideMetres { get; set; }
        public GeoPoint? Position { get; set; }
        public DateTimeOffset? PositionAt { get; set; }
        public double Speed { get; set; }
        public DateTimeOffset? DeviationStart { get; set; }
        public EvidenceIds Deviation { get; } = new();
        public double FarthestOff { get; set; }
        public bool DeviationReported { get; set; }
        public GeoPoint? StopAnchor { get; set; }
        public DateTimeOffset StopStart { get; set; }
        public EvidenceIds Stop { get; } = new();
        public bool StopReported { get; set; }
        public bool DoorOpen { get; set; }
        public (SecurityEvent E, SensorReading R)? PendingDoor { get; set; }
        public int Firings { get; set; }
    }
}
