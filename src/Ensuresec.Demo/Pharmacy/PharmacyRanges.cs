using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Pharmacy;

/// <summary>The ranges the pharmacy attacks and hard benign cases are drawn from (docs/PHYSICAL.md lists them).</summary>
internal static class PharmacyRanges
{
    public const int Vans = 6;
    public static readonly IntRange Stops = new(11, 16);
    public static readonly DoubleRange StopRadiusKm = new(1.5, 9);

    // Attacks: the subtle variant of each is drawn with probability one half.
    public static readonly DoubleRange DriftRatePerHour = new(1.5, 3.0);
    public static readonly DoubleRange DriftPeak = new(10, 13);
    public static readonly DoubleRange DriftPeakSubtle = new(8.6, 9.4);
    public static readonly DoubleRange DriftHoldMinutes = new(40, 120);
    public static readonly DoubleRange CycleOffMinutes = new(20, 26);
    public static readonly DoubleRange DetourOffsetMetres = new(2_000, 5_000);
    public static readonly DoubleRange DetourOffsetMetresSubtle = new(800, 1_400);
    public static readonly DoubleRange DetourParallelMetres = new(1_500, 4_000);
    public static readonly DoubleRange DetourParallelMetresSubtle = new(2_000, 3_000);
    public static readonly DoubleRange TheftOffsetMetres = new(800, 3_000);
    public static readonly DoubleRange TheftOffsetMetresSubtle = new(300, 450);
    public static readonly DoubleRange TheftStopMinutes = new(14, 30);
    public static readonly DoubleRange TheftStopMinutesSubtle = new(3, 7);
    public static readonly IntRange SealSwaps = new(2, 3);
    public static readonly IntRange StolenParcels = new(3, 5);
    public static readonly DoubleRange StolenPodMetres = new(600, 4_000);
    public static readonly DoubleRange StolenPodMetresSubtle = new(350, 600);
    public static readonly IntRange FraudClaims = new(2, 3);

    // Hard benign cases.
    public static readonly DoubleRange DropoutMinutes = new(10, 40);
    public static readonly DoubleRange ClosureOffsetMetres = new(1_200, 3_000);
    public static readonly DoubleRange WarmShift = new(1.0, 1.5);
}
