using Ensuresec.Physical.Common;

namespace Ensuresec.Physical.Parcels;

/// <summary>Settings of the parcel-custody detector (YAML: detectors.parcel-custody).</summary>
public sealed record ParcelCustodyOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>A delivery scanned farther than this from the parcel's destination is suspect, metres (GPS noise and large buildings stay under it).</summary>
    public double MaxPodDistanceMetres { get; init; } = 300;

    /// <summary>A delivery scanned within this of the destination is proof enough to contradict a non-delivery claim, metres.</summary>
    public double PodConfirmsMetres { get; init; } = 100;

    /// <summary>A parcel unheard of for this long is forgotten.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromDays(60);

    public IReadOnlyList<OptionProblem> Validate()
    {
        var p = new List<OptionProblem>();
        Check.Range(p, "max-pod-distance-metres", MaxPodDistanceMetres, 1, 1_000_000);
        Check.Range(p, "pod-confirms-metres", PodConfirmsMetres, 1, 1_000_000);
        Check.Positive(p, "idle", Idle);
        return p;
    }
}
