using Ensuresec.Core.Pipeline;
using Ensuresec.Physical.Assets;
using Ensuresec.Physical.Atm;
using Ensuresec.Physical.ColdChain;
using Ensuresec.Physical.Parcels;
using Ensuresec.Physical.Routes;
using Ensuresec.Physical.Sensors;

namespace Ensuresec.Physical;

/// <summary>Builds the physical detectors (their classes stay internal); the detector catalog registers them.</summary>
public static class PhysicalDetectors
{
    public const string ColdChain = ColdChainDetector.DetectorName;
    public const string RouteMonitor = RouteMonitorDetector.DetectorName;
    public const string SensorIntegrity = SensorIntegrityDetector.DetectorName;
    public const string ParcelCustody = ParcelCustodyDetector.DetectorName;
    public const string DeliveryClaims = DeliveryClaimsDetector.DetectorName;
    public const string AtmSkimming = AtmSkimmingDetector.DetectorName;

    /// <summary>The names in pipeline order (also their YAML keys under detectors).</summary>
    public static IReadOnlyList<string> Names { get; } = [ColdChain, RouteMonitor, SensorIntegrity, ParcelCustody, DeliveryClaims, AtmSkimming];

    public static IDetector Create(ColdChainOptions o) => new ColdChainDetector(o);

    public static IDetector Create(RouteMonitorOptions o) => new RouteMonitorDetector(o);

    /// <summary>The route monitor that judges doors of vehicles without a plan against the map's depots and delivery points.</summary>
    public static IDetector Create(RouteMonitorOptions o, AssetMap? map) => new RouteMonitorDetector(o, map);

    public static IDetector Create(SensorIntegrityOptions o) => new SensorIntegrityDetector(o);

    public static IDetector Create(ParcelCustodyOptions o) => new ParcelCustodyDetector(o);

    public static IDetector Create(DeliveryClaimsOptions o) => new DeliveryClaimsDetector(o);

    public static IDetector Create(AtmSkimmingOptions o) => new AtmSkimmingDetector(o);

    /// <summary>The ATM detector that names each ATM's branch from the map and reads sensors the map attaches to an ATM.</summary>
    public static IDetector Create(AtmSkimmingOptions o, AssetMap? map) => new AtmSkimmingDetector(o, map);
}
