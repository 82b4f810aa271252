using System.Globalization;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Demo.Physical;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Demo.Pharmacy;

/// <summary>
/// One refrigerated van's day: the plan, the drive (GPS each minute), doors, the temperature log (every 2 minutes),
/// and the parcel scans, with the day's twist applied. Writes into a <see cref="DemoLog"/>.
/// </summary>
internal sealed class VanDay
{
    private const double GpsNoise = 12;
    private readonly Random _rng;
    private readonly DemoLog _log;
    private readonly GeoPoint _depot;
    private readonly List<GeoPoint> _stops;
    private readonly VanDayTwist _twist;
    private readonly List<(DateTimeOffset At, GeoPoint P)> _track = [];
    private readonly List<(DateTimeOffset Open, DateTimeOffset Close)> _doors = [];
    private readonly List<GeoPoint> _plannedPath;
    private DateTimeOffset _t;
    private long _gpsSeq, _tempSeq;

    public VanDay(Random rng, DemoLog log, int van, DateTimeOffset depart, GeoPoint depot, List<GeoPoint> stops, VanDayTwist twist)
    {
        _rng = rng;
        _log = log;
        _depot = depot;
        _stops = stops;
        _twist = twist;
        _t = depart;
        Vehicle = $"van-{van + 1:00}";
        Courier = $"courier-{van + 1:00}";
        Route = $"route-{van + 1:00}";
        Shipment = string.Create(CultureInfo.InvariantCulture, $"shp-{depart:MMdd}-{van + 1:00}");
        _plannedPath = [depot, .. stops, depot];
    }

    public string Vehicle { get; }

    public string Courier { get; }

    public string Route { get; }

    public string Shipment { get; }

    public string TempSensor => "temp-" + Vehicle;

    public string GpsSensor => "gps-" + Vehicle;

    public List<Delivery> Deliveries { get; } = [];

    public void Run()
    {
        var depart = _t;
        var parcels = _stops.Select((_, i) => Enumerable.Range(0, _rng.Next(1, 3)).Select(k => (Id: $"prc-{Shipment[4..]}-{i:00}{k}", Seal: "seal-" + Hex(8))).ToList()).ToList();
        if (!_twist.NoPlan) Plan(depart.AddMinutes(-12), _plannedPath);
        foreach (var (id, seal) in parcels.SelectMany(p => p)) Scan(depart.AddMinutes(-45 + _rng.NextDouble() * 10), id, "picked-up", _depot, seal, null);
        Door(depart.AddMinutes(-30), 6);
        Door(depart.AddMinutes(-18), 5);
        foreach (var (id, seal) in parcels.SelectMany(p => p)) Scan(depart.AddMinutes(-6 + _rng.NextDouble() * 4), id, "out-for-delivery", _depot, seal, null);

        int detourLeg = PickLongLeg(), theftLeg = PickLongLeg(exclude: detourLeg);
        var trafficLegs = Enumerable.Range(0, _twist.TrafficStops).Select(_ => _rng.Next(_stops.Count)).ToHashSet();
        var at = _depot;
        _track.Add((_t, at));
        var swapped = PickParcels(parcels, _twist.SealSwaps);
        var stolen = PickParcels(parcels, _twist.Stolen.Count, swapped);
        var lost = _twist.LostParcel ? PickParcels(parcels, 1, [.. swapped, .. stolen]) : [];
        for (int i = 0; i < _stops.Count; i++)
        {
            var next = _stops[i];
            if (i == detourLeg && _twist.Detour is { } d) DriveDetour(at, next, d.Offset, d.Parallel, d.Replan, i);
            else if (i == theftLeg && _twist.TheftStop is { } s) DriveTheft(at, next, s.Offset, s.StopMinutes, s.DoorMinutes);
            else if (trafficLegs.Contains(i)) DriveVia(at, next, GeoMath.Lerp(at, next, 0.5), _rng.Next(3, 9));
            else Drive([at, next]);
            at = next;
            var arrived = _t;
            Door(arrived.AddMinutes(1), _rng.Next(1, 4));
            foreach (var (id, seal) in parcels[i])
            {
                var scanAt = arrived.AddMinutes(1.5 + _rng.NextDouble() * 2);
                if (lost.Contains(id))
                {
                    _twist.Parcels.Add(id);
                    Deliveries.Add(new Delivery(id, Courier, Route, scanAt, false, Vehicle, Shipment));
                    continue;
                }

                string sealNow = seal;
                if (swapped.Contains(id))
                {
                    sealNow = "seal-" + Hex(8);
                    _twist.Parcels.Add(id);
                    _twist.Mark(depart.AddMinutes(-45));
                    _twist.Mark(scanAt);
                }

                var where = GeoMath.Jitter(_rng, next, 8);
                bool arrivedOk = true;
                int k = stolen.IndexOf(id);
                if (k >= 0)
                {
                    double metres = _twist.Stolen[k];
                    double angle = _rng.NextDouble() * 2 * Math.PI;
                    where = GeoMath.Offset(next, Math.Cos(angle) * metres, Math.Sin(angle) * metres);
                    arrivedOk = false;
                    _twist.Parcels.Add(id);
                    _twist.Mark(scanAt);
                }

                Scan(scanAt, id, ParcelStatusDelivered, where, sealNow, next);
                Deliveries.Add(new Delivery(id, Courier, Route, scanAt, arrivedOk, Vehicle, Shipment));
            }

            Dwell(next, _rng.Next(3, 7));
        }

        Drive([at, _depot]);
        Door(_t.AddMinutes(3), 8);
        EmitGps();
        EmitTemperatures(depart.AddMinutes(-30), _t.AddMinutes(15) > depart.AddHours(7) ? _t.AddMinutes(15) : depart.AddHours(7));
        ApplyDropout(depart);
    }

    private const string ParcelStatusDelivered = "delivered";

    private int PickLongLeg(int exclude = -1)
    {
        var legs = Enumerable.Range(1, _stops.Count - 1).Where(i => i != exclude && Geo.Distance(_stops[i - 1], _stops[i]) > 2_500).ToList();
        return legs.Count == 0 ? Math.Max(1, _stops.Count / 2) : legs[_rng.Next(legs.Count)];
    }

    private List<string> PickParcels(List<List<(string Id, string Seal)>> parcels, int count, List<string>? taken = null)
    {
        var all = parcels.SelectMany(p => p).Select(p => p.Id).Where(id => taken is null || !taken.Contains(id)).ToList();
        var picked = new List<string>();
        while (picked.Count < count && all.Count > 0)
        {
            int j = _rng.Next(all.Count);
            picked.Add(all[j]);
            all.RemoveAt(j);
        }

        return picked;
    }

    private void DriveDetour(GeoPoint from, GeoPoint to, double offset, double parallel, bool replan, int leg)
    {
        double length = Geo.Distance(from, to);
        var m1 = GeoMath.Lerp(from, to, 0.3);
        var m2 = GeoMath.Lerp(from, to, Math.Min(0.95, 0.3 + parallel / Math.Max(1, length)));
        // Of the two sides, the one farther from the rest of the route: a detour that runs along another leg is no detour.
        double Clearance(double side) => Math.Min(Geo.DistanceToPath(GeoMath.Beside(from, to, m1, side), _plannedPath), Geo.DistanceToPath(GeoMath.Beside(from, to, m2, side), _plannedPath));
        if (Clearance(-offset) > Clearance(offset)) offset = -offset;
        var d1 = GeoMath.Beside(from, to, m1, offset);
        var d2 = GeoMath.Beside(from, to, m2, offset);
        var before = _t;
        Drive([from, m1]);
        if (replan)
        {
            var path = new List<GeoPoint>(_plannedPath);
            path.InsertRange(leg + 1, [m1, d1, d2, m2]);
            Plan(_t.AddMinutes(-2), path);
        }

        Drive([m1, d1, d2, m2]);
        if (!replan)
        {
            _twist.Mark(before);
            _twist.Mark(_t);
        }

        Drive([m2, to]);
    }

    private void DriveTheft(GeoPoint from, GeoPoint to, double offset, double stopMinutes, double doorMinutes)
    {
        var m1 = GeoMath.Lerp(from, to, 0.5);
        var s = GeoMath.Beside(from, to, m1, offset);
        if (_twist.TheftSpotAllowed is { } allowed && !allowed(s))
        {
            // Another point along the leg, either side, at the same offset: the first that is away from every known place.
            foreach (double f in new[] { 0.4, 0.6, 0.3, 0.7, 0.35, 0.65, 0.45, 0.55 })
            {
                var m = GeoMath.Lerp(from, to, f);
                GeoPoint? candidate = new[] { GeoMath.Beside(from, to, m, offset), GeoMath.Beside(from, to, m, -offset) }.Select(p => (GeoPoint?)p).FirstOrDefault(p => allowed(p!.Value));
                if (candidate is null) continue;
                (m1, s) = (m, candidate.Value);
                break;
            }
        }

        Drive([from, m1, s]);
        _twist.Mark(_t);
        Door(_t.AddMinutes(1), doorMinutes);
        Dwell(s, stopMinutes);
        _twist.Mark(_t);
        Drive([s, to]);
    }

    private void DriveVia(GeoPoint from, GeoPoint to, GeoPoint via, double minutes)
    {
        Drive([from, via]);
        Dwell(via, minutes);
        Drive([via, to]);
    }

    private void Drive(IReadOnlyList<GeoPoint> waypoints)
    {
        double speed = 6.5 + _rng.NextDouble() * 3; // m/s in town
        for (int w = 1; w < waypoints.Count; w++)
        {
            double seconds = Geo.Distance(waypoints[w - 1], waypoints[w]) / speed;
            int steps = Math.Max(1, (int)Math.Ceiling(seconds / 60));
            for (int k = 1; k <= steps; k++)
            {
                _t = _t.AddSeconds(seconds / steps);
                _track.Add((_t, GeoMath.Lerp(waypoints[w - 1], waypoints[w], k / (double)steps)));
            }
        }
    }

    private void Dwell(GeoPoint at, double minutes)
    {
        for (int k = 0; k < (int)Math.Round(minutes); k++)
        {
            _t = _t.AddMinutes(1);
            _track.Add((_t, at));
        }
    }

    private void Door(DateTimeOffset open, double minutes)
    {
        _doors.Add((open, open.AddMinutes(minutes)));
        _log.Add(open, EventActions.SensorReading, Sensor("door-" + Vehicle, SensorTypes.Door, "open", null));
        _log.Add(open.AddMinutes(minutes), EventActions.SensorReading, Sensor("door-" + Vehicle, SensorTypes.Door, "closed", null));
    }

    private void Plan(DateTimeOffset at, List<GeoPoint> path) =>
        _log.Add(at, PhysicalActions.RoutePlan,
            ("sensor.vehicle_id", Vehicle), ("shipment.id", Shipment), ("shipment.route_id", Route),
            ("route.path", TelemetryEvent.Points(path)), ("route.depots", TelemetryEvent.Points([_depot])), ("route.stops", TelemetryEvent.Points(_stops)),
            ("route.corridor_m", 500));

    private void Scan(DateTimeOffset at, string parcel, string status, GeoPoint where, string seal, GeoPoint? destination) =>
        _log.Add(TelemetryEvent.Create(string.Empty, at, EventActions.ShipmentScan,
            ("parcel.id", parcel), ("shipment.id", Shipment), ("shipment.status", status), ("shipment.route_id", Route),
            ("sensor.vehicle_id", Vehicle), ("parcel.seal_id", seal), ("parcel.scanner_id", "hand-" + Vehicle),
            ("observer.geo.location", TelemetryEvent.Point(Math.Round(where.Lat, 6), Math.Round(where.Lon, 6))),
            ("parcel.destination", destination is { } d ? TelemetryEvent.Point(d.Lat, d.Lon) : null)) with { UserName = Courier, Dataset = "courier.scan" });

    private (string, JsonNode?)[] Sensor(string id, string type, JsonNode value, string? unit, long? seq = null) =>
    [
        ("sensor.id", id), ("sensor.type", type), ("sensor.value", value), ("sensor.unit", unit),
        ("sensor.vehicle_id", Vehicle), ("shipment.id", Shipment), ("sensor.sequence", seq is null ? null : JsonValue.Create(seq.Value)),
    ];

    private void EmitGps()
    {
        int teleport = _twist.Spoof == "teleport" ? _rng.Next(_track.Count / 3, 2 * _track.Count / 3) : -1;
        for (int i = 0; i < _track.Count; i++)
        {
            var (at, p) = _track[i];
            var noisy = GeoMath.Jitter(_rng, p, _rng.NextDouble() < 0.03 ? 80 : GpsNoise);
            if (i == teleport)
            {
                double km = 20 + _rng.NextDouble() * 60;
                noisy = GeoMath.Offset(p, km * 1000, 0);
                _twist.Mark(at);
                _twist.Drawn.Add(new("jump", $"{km:0} km"));
            }

            var fields = new List<(string, JsonNode?)>(Sensor(GpsSensor, SensorTypes.Gps, 1, null, ++_gpsSeq)) { ("observer.geo.location", TelemetryEvent.Point(Math.Round(noisy.Lat, 6), Math.Round(noisy.Lon, 6))) };
            fields.RemoveAll(f => f.Item1 == "sensor.value");
            _log.Add(at, EventActions.SensorReading, [.. fields]);
        }
    }

    private void EmitTemperatures(DateTimeOffset from, DateTimeOffset to)
    {
        double baseline = 4.6 + _rng.NextDouble() * 0.9 + _twist.WarmShift;
        var times = new List<DateTimeOffset>();
        for (var t = from; t <= to; t = t.AddMinutes(2)) times.Add(t);
        var values = times.Select(t => Math.Round(baseline + 0.25 * Math.Sin((t - from).TotalHours) + DoorWarmth(t) + Attack(t, from, baseline) + GeoMath.Normal(_rng) * 0.12, 2)).ToList();
        ApplySpoof(times, values);
        for (int i = 0; i < times.Count; i++)
        {
            _log.Add(times[i], EventActions.SensorReading, Sensor(TempSensor, SensorTypes.Temperature, values[i], "C", ++_tempSeq));
            if (values[i] > 8 && (_twist.Drift is not null || _twist.CycleOffMinutes is not null)) _twist.Mark(times[i]);
        }

        // A warmed shipment stays damaged until it is unloaded: its mean kinetic temperature is judged over all of it.
        if (_twist.Start is not null && (_twist.Drift is not null || _twist.CycleOffMinutes is not null)) _twist.Mark(times[^1]);
    }

    private double DoorWarmth(DateTimeOffset t)
    {
        double w = 0;
        foreach (var (open, close) in _doors)
        {
            if (t < open) continue;
            double amp = 1.8 + (open.Minute % 7) * 0.2;
            if (t <= close) w = Math.Max(w, amp * Math.Min(1, (t - open).TotalMinutes / 2));
            else w = Math.Max(w, amp * Math.Exp(-(t - close).TotalMinutes / 3));
        }

        return w;
    }

    private double _driftStart = double.NaN;

    private double Attack(DateTimeOffset t, DateTimeOffset from, double baseline)
    {
        double minutes = (t - from).TotalMinutes;
        if (_twist.CycleOffMinutes is double off)
        {
            double m = minutes % 60;
            if (minutes < 30) return 0;
            if (m < off) return 0.5 * m;
            return Math.Max(0, 0.5 * off - (m - off) * 1.1);
        }

        if (_twist.Drift is { } d)
        {
            if (double.IsNaN(_driftStart)) _driftStart = 50 + _rng.NextDouble() * 40;
            double since = minutes - _driftStart;
            if (since < 0) return 0;
            double rise = d.Peak - baseline;
            double riseMinutes = rise / d.RatePerHour * 60;
            if (since < riseMinutes) return since / riseMinutes * rise;
            if (since < riseMinutes + d.HoldMinutes) return rise;
            return Math.Max(0, rise - (since - riseMinutes - d.HoldMinutes) * 0.1);
        }

        return 0;
    }

    private void ApplySpoof(List<DateTimeOffset> times, List<double> values)
    {
        if (_twist.Spoof is not ("replay" or "frozen") || times.Count < 120) return;
        bool replay = _twist.Spoof == "replay";
        int length = replay ? _rng.Next(20, 41) : _rng.Next(75, 120);
        int source = _rng.Next(5, 20);
        // A replay plays back what was recorded earlier the same day; a frozen stretch may start anywhere it fits.
        int earliest = replay ? source + length + 30 : 10;
        int target = _rng.Next(earliest, Math.Max(earliest + 1, times.Count - length));
        double frozen = values[target];
        for (int i = 0; i < length; i++) values[target + i] = _twist.Spoof == "replay" ? values[source + i] : frozen;
        _twist.Mark(times[target]);
        _twist.Mark(times[target + length - 1]);
        _twist.Drawn.Add(new("readings", length.ToString(CultureInfo.InvariantCulture)));
    }

    private void ApplyDropout(DateTimeOffset depart)
    {
        if (_twist.DropoutMinutes <= 0) return;
        var start = depart.AddHours(1 + _rng.NextDouble() * 3);
        var end = start.AddMinutes(_twist.DropoutMinutes);
        _log.RemoveAll(e => e.Timestamp >= start && e.Timestamp < end && e.Action == EventActions.SensorReading
            && e.GetString("sensor.vehicle_id") == Vehicle && e.GetString("sensor.type") is SensorTypes.Gps or SensorTypes.Temperature);
    }

    private string Hex(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => "0123456789abcdef"[_rng.Next(16)]));
}
