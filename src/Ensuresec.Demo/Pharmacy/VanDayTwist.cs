using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Demo.Pharmacy;

/// <summary>What makes one van's day unusual: an attack or a hard benign case. Everything is optional.</summary>
internal sealed class VanDayTwist
{
    /// <summary>Leaves the path on a leg: offset metres to the side for parallel metres; with Replan the dispatcher re-plans first (a road closure).</summary>
    public (double Offset, double Parallel, bool Replan)? Detour { get; set; }

    /// <summary>Stops beside the route, offset metres away, for the given minutes, with the cargo door open for some of them.</summary>
    public (double Offset, double StopMinutes, double DoorMinutes)? TheftStop { get; set; }

    /// <summary>No route plan is sent for the van that day: its doors are judged against the asset map only.</summary>
    public bool NoPlan { get; set; }

    /// <summary>Where a theft stop may be: an attacker stops in a lay-by, not at a known depot or customer's door.</summary>
    public Func<GeoPoint, bool>? TheftSpotAllowed { get; set; }

    /// <summary>Short stops on the road (traffic), each 3-8 minutes.</summary>
    public int TrafficStops { get; set; }

    /// <summary>Minutes of silence from the GPS and temperature sensors (a dropout) in the middle of the day.</summary>
    public double DropoutMinutes { get; set; }

    /// <summary>Degrees added to the van's baseline temperature (a warm day, still within range).</summary>
    public double WarmShift { get; set; }

    /// <summary>A slow drift: rate °C per hour up to the peak, held for minutes.</summary>
    public (double RatePerHour, double Peak, double HoldMinutes)? Drift { get; set; }

    /// <summary>The reefer switched off for these minutes of every hour, all day.</summary>
    public double? CycleOffMinutes { get; set; }

    /// <summary>Spoofing of a sensor: "replay", "frozen" or "teleport".</summary>
    public string? Spoof { get; set; }

    /// <summary>Parcels whose seal is swapped before delivery.</summary>
    public int SealSwaps { get; set; }

    /// <summary>Parcels the courier marks delivered from this many metres away and keeps.</summary>
    public List<double> Stolen { get; } = [];

    /// <summary>One parcel lost at the hub: never delivered, and its customer rightly claims.</summary>
    public bool LostParcel { get; set; }

    /// <summary>Filled by the simulation: the attack's first and last event times.</summary>
    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    /// <summary>Filled by the simulation: parcels the twist touched (swapped, stolen, lost).</summary>
    public List<string> Parcels { get; } = [];

    /// <summary>Filled by the simulation: a human-readable note of what was drawn.</summary>
    public List<KeyValuePair<string, string>> Drawn { get; } = [];

    public void Mark(DateTimeOffset at)
    {
        if (Start is null || at < Start) Start = at;
        if (End is null || at > End) End = at;
    }
}
