using Ensuresec.Physical.Common;

namespace Ensuresec.Physical.Sensors;

/// <summary>Settings of the sensor-integrity detector (YAML: detectors.sensor-integrity).</summary>
public sealed record SensorIntegrityOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Fastest a tracked vehicle or parcel can move, km/h.</summary>
    public double MaxSpeedKmh { get; init; } = 200;

    /// <summary>Jumps shorter than this are GPS noise whatever the speed they imply, metres.</summary>
    public double MinJumpMetres { get; init; } = 2_000;

    /// <summary>A numeric sensor that repeats exactly the same value this many times in a row is frozen...</summary>
    public int FrozenReadings { get; init; } = 40;

    /// <summary>...provided the repeats span at least this long.</summary>
    public TimeSpan FrozenSpan { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Length of a value sequence that, seen again later, is a replay.</summary>
    public int ReplayLength { get; init; } = 20;

    /// <summary>A replayed sequence must have at least this many distinct values (a flat line is frozen, not replayed).</summary>
    public int ReplayMinDistinct { get; init; } = 4;

    /// <summary>How long sequences are remembered for replay checks.</summary>
    public TimeSpan ReplayMemory { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Time may go back this much between readings (clock jitter) before it counts.</summary>
    public TimeSpan ClockTolerance { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A sensor's invalid readings are reported at most once per this period.</summary>
    public TimeSpan ReportEvery { get; init; } = TimeSpan.FromDays(1);

    /// <summary>A sensor unheard of for this long is forgotten.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromDays(2);

    public IReadOnlyList<OptionProblem> Validate()
    {
        var p = new List<OptionProblem>();
        Check.Range(p, "max-speed-kmh", MaxSpeedKmh, 1, 10_000);
        Check.Range(p, "min-jump-metres", MinJumpMetres, 0, 1_000_000);
        Check.Range(p, "frozen-readings", FrozenReadings, 3, 100_000);
        Check.Range(p, "replay-length", ReplayLength, 3, 1_000);
        Check.Range(p, "replay-min-distinct", ReplayMinDistinct, 2, ReplayLength);
        Check.Positive(p, "frozen-span", FrozenSpan);
        Check.Positive(p, "replay-memory", ReplayMemory);
        Check.Positive(p, "clock-tolerance", ClockTolerance);
        Check.Positive(p, "report-every", ReportEvery);
        Check.Positive(p, "idle", Idle);
        return p;
    }
}
