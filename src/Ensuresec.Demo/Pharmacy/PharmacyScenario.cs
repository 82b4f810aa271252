using System.Globalization;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Demo.Generation;
using Ensuresec.Demo.Physical;
using Ensuresec.Demo.Scenario;
using Ensuresec.Physical.Assets;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Demo.Pharmacy;

/// <summary>
/// The pharmacy use case: a week of an online pharmacy's refrigerated deliveries (six vans, a depot, 11-16 stops a
/// day each) with one attack of each physical kind and the hard benign cases. The same seed gives the same events.
/// </summary>
public static class PharmacyScenario
{
    private const int PlanStream = 11;
    private static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Generates the week for <paramref name="seed"/>; <paramref name="benignOnly"/> leaves the attacks out.</summary>
    public static GeneratedScenario Generate(int seed, bool benignOnly = false)
    {
        var rng = new Random(Seeds.Derive(seed, PlanStream, 0));
        var log = new DemoLog("pharmacy", seed);
        var depot = GeoPoint.Of(52.45 + rng.NextDouble() * 0.1, 13.3 + rng.NextDouble() * 0.2);
        const int days = 7;
        var twists = new Dictionary<(int Day, int Van), VanDayTwist>();
        var free = Enumerable.Range(0, 5 * PharmacyRanges.Vans).Select(i => (Day: i / PharmacyRanges.Vans, Van: i % PharmacyRanges.Vans)).ToList();
        rng.Shuffle(free);
        int nextFree = 0;
        VanDayTwist Take(out (int Day, int Van) slot)
        {
            slot = free[nextFree++];
            var t = new VanDayTwist();
            twists[slot] = t;
            return t;
        }

        var attacks = new List<(AttackKind Kind, bool Subtle, VanDayTwist Twist, (int Day, int Van) Slot)>();
        if (!benignOnly)
        {
            foreach (var kind in new[] { AttackKind.ColdChainBreak, AttackKind.RouteDeviation, AttackKind.CargoTheft, AttackKind.SealSwap, AttackKind.CourierTheft, AttackKind.SensorSpoofing })
            {
                bool subtle = rng.Chance(0.5);
                var t = Take(out var slot);
                Arm(rng, kind, subtle, t);
                attacks.Add((kind, subtle, t, slot));
            }
        }

        // Hard benign cases, each on its own van-day.
        var dropout = Take(out var dropoutSlot);
        dropout.DropoutMinutes = rng.Draw(PharmacyRanges.DropoutMinutes);
        var closure = Take(out var closureSlot);
        closure.Detour = (rng.Draw(PharmacyRanges.ClosureOffsetMetres), 2_500, true);
        var lost = Take(out var lostSlot);
        lost.LostParcel = true;
        int warmDay = rng.Next(days);

        // With the asset map (drawn from their own stream and taken after the others, so the rest of the week is as
        // before): a van-day without a route plan (benign, judged against the map), and a cargo theft by a van with no
        // plan that day, its door opened at a stop that is neither a depot nor a delivery point of the map.
        var unplanned = Take(out var unplannedSlot);
        unplanned.NoPlan = true;
        var mapRng = new Random(Seeds.Derive(seed, PlanStream + 3, 0));
        (int Day, int Van)? noPlanTheftSlot = null;
        VanDayTwist? noPlanTheft = null;
        bool noPlanSubtle = mapRng.Chance(0.5);
        if (!benignOnly)
        {
            noPlanTheft = Take(out var slot);
            noPlanTheftSlot = slot;
            noPlanTheft.NoPlan = true;
            Arm(mapRng, AttackKind.CargoTheft, noPlanSubtle, noPlanTheft);
            noPlanTheft.Drawn.Insert(0, new("variant", "no route plan"));
        }

        var deliveries = new List<Delivery>();
        var allStops = new List<GeoPoint>();
        var shipments = new List<(string Shipment, string Vehicle)>();
        Action? deferred = null;
        for (int day = 0; day < days; day++)
        {
            for (int van = 0; van < PharmacyRanges.Vans; van++)
            {
                var vanRng = new Random(Seeds.Derive(seed, PlanStream + 1, day * 100 + van));
                if (!twists.TryGetValue((day, van), out var twist)) twist = new VanDayTwist();
                twist.TrafficStops = vanRng.Next(0, 3);
                if (day == warmDay && twist.Drift is null && twist.CycleOffMinutes is null) twist.WarmShift = vanRng.Draw(PharmacyRanges.WarmShift);
                var stops = Stops(vanRng, depot);
                allStops.AddRange(stops);
                var depart = DefaultStart.AddDays(day).AddHours(7.5).AddMinutes(vanRng.Next(0, 60));
                var vd = new VanDay(vanRng, log, van, depart, depot, stops, twist);
                shipments.Add((vd.Shipment, vd.Vehicle));
                if ((day, van) == noPlanTheftSlot)
                {
                    // Run last, once every delivery point of the week is known, so the theft stop can keep away from them.
                    int at = deliveries.Count;
                    deferred = () =>
                    {
                        vd.Run();
                        deliveries.InsertRange(at, vd.Deliveries);
                    };
                    continue;
                }

                vd.Run();
                deliveries.AddRange(vd.Deliveries);
            }
        }

        if (noPlanTheft is not null && deferred is not null)
        {
            double clearance = DeliveryPointRadius + 150;
            noPlanTheft.TheftSpotAllowed = p => Geo.Distance(p, depot) > DepotRadius + 150 && Geo.DistanceToNearest(p, allStops) > clearance;
            deferred();
        }

        var assetsYaml = AssetMapOf(depot, allStops, shipments, deliveries);

        // Claims: customers of stolen and lost parcels rightly claim; a fraudster claims parcels that arrived.
        var claimRng = new Random(Seeds.Derive(seed, PlanStream + 2, 0));
        int customer = 0;
        string NewCustomer() => string.Create(CultureInfo.InvariantCulture, $"patient-{++customer:0000}");
        foreach (var d in deliveries.Where(d => !d.Arrived))
        {
            var at = d.At.AddHours(20 + claimRng.NextDouble() * 28);
            Claim(log, at, d, NewCustomer());
            var owner = twists.Values.FirstOrDefault(t => t.Parcels.Contains(d.Parcel) && t.Stolen.Count > 0);
            owner?.Mark(at);
        }

        var truths = new List<AttackTruth>();
        int n = 0;
        foreach (var (kind, subtle, twist, slot) in attacks)
        {
            var vehicle = $"van-{slot.Van + 1:00}";
            var shipment = string.Create(CultureInfo.InvariantCulture, $"shp-{DefaultStart.AddDays(slot.Day):MMdd}-{slot.Van + 1:00}");
            var assets = new List<Entity> { new(AssetKinds.Vehicle, vehicle), new(AssetKinds.Shipment, shipment) };
            assets.AddRange(twist.Parcels.Select(p => new Entity(AssetKinds.Parcel, p)));
            if (kind == AttackKind.SensorSpoofing) assets.Add(new Entity(AssetKinds.Sensor, (twist.Spoof == "teleport" ? "gps-" : "temp-") + vehicle));
            var day = DefaultStart.AddDays(slot.Day);
            truths.Add(Truth(++n, kind, subtle, twist.Start ?? day, twist.End ?? day.AddDays(1), kind == AttackKind.CourierTheft ? [$"courier-{slot.Van + 1:00}"] : [], assets, twist.Drawn));
        }

        if (noPlanTheft is not null && noPlanTheftSlot is { } np)
        {
            var vehicle = $"van-{np.Van + 1:00}";
            var shipment = string.Create(CultureInfo.InvariantCulture, $"shp-{DefaultStart.AddDays(np.Day):MMdd}-{np.Van + 1:00}");
            var day = DefaultStart.AddDays(np.Day);
            truths.Add(Truth(++n, AttackKind.CargoTheft, noPlanSubtle, noPlanTheft.Start ?? day, noPlanTheft.End ?? day.AddDays(1), [],
                [new(AssetKinds.Vehicle, vehicle), new(AssetKinds.Shipment, shipment)], noPlanTheft.Drawn));
        }

        if (!benignOnly)
        {
            var arrived = deliveries.Where(d => d.Arrived && d.At < DefaultStart.AddDays(5) && !twists.ContainsKey(SlotOf(d))).ToList();
            bool subtle = claimRng.Chance(0.5);
            int claims = subtle ? 1 : claimRng.Draw(PharmacyRanges.FraudClaims);
            string fraudster = NewCustomer();
            var picked = Enumerable.Range(0, claims).Select(_ => arrived[claimRng.Next(arrived.Count)]).DistinctBy(d => d.Parcel).ToList();
            var times = picked.Select(d => d.At.AddHours(24 + claimRng.NextDouble() * 48)).ToList();
            for (int i = 0; i < picked.Count; i++) Claim(log, times[i], picked[i], fraudster);
            truths.Add(Truth(++n, AttackKind.ClaimFraud, subtle, times.Min(), times.Max(), [fraudster],
                picked.Select(d => new Entity(AssetKinds.Parcel, d.Parcel)).ToList(), [new("claims", picked.Count.ToString(CultureInfo.InvariantCulture))]));
        }

        var events = log.InTimeOrder();
        truths = truths.Select(t => t with { EventCount = CountEvents(events, t) }).ToList();
        var truth = new GroundTruth
        {
            Seed = seed,
            Start = DefaultStart,
            End = DefaultStart.AddDays(days),
            Attacks = truths,
            Benign = new BenignCases
            {
                NatAddresses = [],
                CrawlerAddresses = [],
                MonitorAddresses = [],
                FlashSaleStart = DefaultStart,
                FlashSaleEnd = DefaultStart,
                FlashSaleMultiplier = 1,
                Notes =
                [
                    $"GPS noise (12 m, 3% of fixes 80 m off) and 0-2 traffic stops of 3-8 min on every van-day",
                    FormattableString.Invariant($"sensor dropout of {dropout.DropoutMinutes:0} min on van-{dropoutSlot.Van + 1:00} day {dropoutSlot.Day + 1}"),
                    FormattableString.Invariant($"road closure: van-{closureSlot.Van + 1:00} re-planned around it on day {closureSlot.Day + 1} ({closure.Detour!.Value.Offset:0} m detour)"),
                    $"depot doors opened for loading every morning and on return; cargo doors opened at every stop",
                    FormattableString.Invariant($"warm day {warmDay + 1}: vans run 1.0-1.5 °C warmer, still within 2-8 °C"),
                    $"parcel {lost.Parcels.FirstOrDefault() ?? "-"} lost at the hub (van-{lostSlot.Van + 1:00}); its customer rightly claims",
                    $"van-{unplannedSlot.Van + 1:00} runs day {unplannedSlot.Day + 1} without a route plan: its doors are judged against the asset map",
                ],
            },
        };
        return new GeneratedScenario(truth, events) { Assets = AssetMapText.Load(assetsYaml, "pharmacy-assets.yaml"), AssetMapYaml = assetsYaml };
    }

    private const double DepotRadius = 300;

    /// <summary>A customer's door, as near as the route monitor's planned stops (place-radius-metres): GPS noise and outlying fixes stay inside it.</summary>
    private const double DeliveryPointRadius = 250;

    /// <summary>The pharmacy's asset map: its depot, every customer's delivery point of the week, the vans and their sensors, shipments and parcels.</summary>
    private static string AssetMapOf(GeoPoint depot, List<GeoPoint> stops, List<(string Shipment, string Vehicle)> shipments, List<Delivery> deliveries)
    {
        var map = new AssetMapText().Site("depot-01", SiteKinds.Depot, depot, DepotRadius);
        for (int i = 0; i < stops.Count; i++) map.Site(string.Create(CultureInfo.InvariantCulture, $"dp-{i + 1:0000}"), SiteKinds.DeliveryPoint, stops[i], DeliveryPointRadius);
        for (int van = 1; van <= PharmacyRanges.Vans; van++)
        {
            string vehicle = string.Create(CultureInfo.InvariantCulture, $"van-{van:00}");
            map.Vehicle(vehicle, "depot-01")
                .Sensor("temp-" + vehicle, SensorTypes.Temperature, vehicle)
                .Sensor("gps-" + vehicle, SensorTypes.Gps, vehicle)
                .Sensor("door-" + vehicle, SensorTypes.Door, vehicle);
        }

        foreach (var (shipment, vehicle) in shipments) map.Container(shipment, "shipment", vehicle);
        foreach (var d in deliveries.DistinctBy(d => d.Parcel)) map.Container(d.Parcel, "parcel", d.Shipment);
        return map.Yaml("The pharmacy's depot, delivery points, vans, sensors, shipments and parcels");
    }

    private static (int Day, int Van) SlotOf(Delivery d) =>
        ((int)(d.At - DefaultStart).TotalDays, int.Parse(d.Vehicle[4..], CultureInfo.InvariantCulture) - 1);

    private static void Arm(Random rng, AttackKind kind, bool subtle, VanDayTwist t)
    {
        switch (kind)
        {
            case AttackKind.ColdChainBreak:
                if (!subtle && rng.Chance(0.5))
                {
                    t.CycleOffMinutes = rng.Draw(PharmacyRanges.CycleOffMinutes);
                    t.Drawn.Add(new("variant", "reefer cycled off"));
                    t.Drawn.Add(new("off", FormattableString.Invariant($"{t.CycleOffMinutes:0} min/h")));
                }
                else
                {
                    t.Drift = (rng.Draw(PharmacyRanges.DriftRatePerHour), rng.Draw(subtle ? PharmacyRanges.DriftPeakSubtle : PharmacyRanges.DriftPeak), rng.Draw(PharmacyRanges.DriftHoldMinutes));
                    t.Drawn.Add(new("variant", subtle ? "slow drift" : "drift"));
                    t.Drawn.Add(new("peak", FormattableString.Invariant($"{t.Drift.Value.Peak:0.0} °C")));
                    t.Drawn.Add(new("rate", FormattableString.Invariant($"{t.Drift.Value.RatePerHour:0.0} °C/h")));
                    t.Drawn.Add(new("hold", FormattableString.Invariant($"{t.Drift.Value.HoldMinutes:0} min")));
                }

                break;
            case AttackKind.RouteDeviation:
                t.Detour = (rng.Draw(subtle ? PharmacyRanges.DetourOffsetMetresSubtle : PharmacyRanges.DetourOffsetMetres),
                    rng.Draw(subtle ? PharmacyRanges.DetourParallelMetresSubtle : PharmacyRanges.DetourParallelMetres), false);
                t.Drawn.Add(new("offset", FormattableString.Invariant($"{t.Detour.Value.Offset:0} m")));
                t.Drawn.Add(new("length", FormattableString.Invariant($"{t.Detour.Value.Parallel:0} m")));
                break;
            case AttackKind.CargoTheft:
                double stop = rng.Draw(subtle ? PharmacyRanges.TheftStopMinutesSubtle : PharmacyRanges.TheftStopMinutes);
                t.TheftStop = (rng.Draw(subtle ? PharmacyRanges.TheftOffsetMetresSubtle : PharmacyRanges.TheftOffsetMetres), stop, Math.Max(1, stop * 0.6));
                t.Drawn.Add(new("offset", FormattableString.Invariant($"{t.TheftStop.Value.Offset:0} m")));
                t.Drawn.Add(new("stop", FormattableString.Invariant($"{stop:0} min")));
                break;
            case AttackKind.SealSwap:
                t.SealSwaps = subtle ? 1 : rng.Draw(PharmacyRanges.SealSwaps);
                t.Drawn.Add(new("parcels", t.SealSwaps.ToString(CultureInfo.InvariantCulture)));
                break;
            case AttackKind.CourierTheft:
                int count = subtle ? 1 : rng.Draw(PharmacyRanges.StolenParcels);
                for (int i = 0; i < count; i++) t.Stolen.Add(rng.Draw(subtle ? PharmacyRanges.StolenPodMetresSubtle : PharmacyRanges.StolenPodMetres));
                t.Drawn.Add(new("parcels", count.ToString(CultureInfo.InvariantCulture)));
                t.Drawn.Add(new("pod off by", FormattableString.Invariant($"{t.Stolen.Min():0}-{t.Stolen.Max():0} m")));
                break;
            case AttackKind.SensorSpoofing:
                t.Spoof = subtle ? "replay" : rng.Chance(0.5) ? "frozen" : "teleport";
                t.Drawn.Add(new("variant", t.Spoof));
                break;
        }
    }

    private static List<GeoPoint> Stops(Random rng, GeoPoint depot)
    {
        int count = rng.Draw(PharmacyRanges.Stops);
        var stops = new List<(double Angle, GeoPoint P)>();
        for (int i = 0; i < count; i++)
        {
            double angle = rng.NextDouble() * 2 * Math.PI, km = rng.Draw(PharmacyRanges.StopRadiusKm);
            stops.Add((angle, GeoMath.Offset(depot, Math.Cos(angle) * km * 1000, Math.Sin(angle) * km * 1000)));
        }

        return stops.OrderBy(s => s.Angle).Select(s => s.P).ToList();
    }

    private static void Claim(DemoLog log, DateTimeOffset at, Delivery d, string customer) =>
        log.Add(TelemetryEvent.Create(string.Empty, at, PhysicalActions.DeliveryClaim,
            ("parcel.id", d.Parcel), ("shipment.courier", d.Courier), ("shipment.route_id", d.Route), ("shipment.id", d.Shipment)) with
        { UserName = customer, Dataset = "pharmacy.support", Outcome = EventOutcomes.Unknown });

    private static AttackTruth Truth(int n, AttackKind kind, bool subtle, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<string> accounts, IReadOnlyList<Entity> assets, IReadOnlyList<KeyValuePair<string, string>> drawn) => new()
    {
        Id = $"P{n}-{RetailerScenario.Slug(kind)}",
        Kind = kind,
        Slow = subtle,
        Start = start,
        End = end,
        Addresses = [],
        Accounts = accounts,
        Cards = [],
        Assets = assets,
        EventCount = 0,
        Parameters = [new("variant", (subtle ? "subtle" : "plain") + string.Concat(drawn.Where(p => p.Key == "variant").Select(p => ": " + p.Value))), .. drawn.Where(p => p.Key != "variant")],
    };

    private static int CountEvents(IReadOnlyList<SecurityEvent> events, AttackTruth t)
    {
        var values = new HashSet<string>(t.Assets.Where(a => a.Kind != AssetKinds.Vehicle && a.Kind != AssetKinds.Shipment).Select(a => a.Value).Concat(t.Accounts), StringComparer.Ordinal);
        string? vehicle = t.Assets.FirstOrDefault(a => a.Kind == AssetKinds.Vehicle).Value;
        return events.Count(e => e.Timestamp >= t.Start && e.Timestamp <= t.End &&
            ((vehicle is not null && e.GetString(TelemetryFields.VehicleId) == vehicle) || values.Contains(e.GetString(TelemetryFields.ParcelId) ?? "") || values.Contains(e.UserName ?? "")));
    }
}
