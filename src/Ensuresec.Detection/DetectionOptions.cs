using Ensuresec.Detection.Credentials;
using Ensuresec.Detection.Flood;
using Ensuresec.Detection.Fraud;
using Ensuresec.Detection.Incidents;
using Ensuresec.Detection.Payments;
using Ensuresec.Detection.Scanning;
using Ensuresec.Detection.Takeover;
using Ensuresec.Detection.Web;
using Ensuresec.Physical.Atm;
using Ensuresec.Physical.ColdChain;
using Ensuresec.Physical.Parcels;
using Ensuresec.Physical.Routes;
using Ensuresec.Physical.Sensors;

namespace Ensuresec.Detection;

/// <summary>
/// Settings of every detector (YAML section <c>detectors</c>, one sub-section per detector name) and of the
/// incident correlator (YAML section <c>incidents</c>). Each detector has an <c>enabled</c> switch.
/// </summary>
public sealed record DetectionOptions
{
    /// <summary>detectors.request-flood</summary>
    public RequestFloodOptions RequestFlood { get; init; } = new();

    /// <summary>detectors.scanning</summary>
    public ScanningOptions Scanning { get; init; } = new();

    /// <summary>detectors.credential-stuffing</summary>
    public CredentialStuffingOptions CredentialStuffing { get; init; } = new();

    /// <summary>detectors.account-takeover</summary>
    public AccountTakeoverOptions AccountTakeover { get; init; } = new();

    /// <summary>detectors.card-testing</summary>
    public CardTestingOptions CardTesting { get; init; } = new();

    /// <summary>detectors.web-payload</summary>
    public WebPayloadOptions WebPayload { get; init; } = new();

    /// <summary>detectors.sigma: Sigma rule folders run on web events (docs/WAF.md#sigma).</summary>
    public SigmaOptions Sigma { get; init; } = new();

    /// <summary>detectors.cold-chain (src/Ensuresec.Physical)</summary>
    public ColdChainOptions ColdChain { get; init; } = new();

    /// <summary>detectors.route-monitor</summary>
    public RouteMonitorOptions RouteMonitor { get; init; } = new();

    /// <summary>detectors.sensor-integrity</summary>
    public SensorIntegrityOptions SensorIntegrity { get; init; } = new();

    /// <summary>detectors.parcel-custody</summary>
    public ParcelCustodyOptions ParcelCustody { get; init; } = new();

    /// <summary>detectors.delivery-claims</summary>
    public DeliveryClaimsOptions DeliveryClaims { get; init; } = new();

    /// <summary>detectors.atm-skimming</summary>
    public AtmSkimmingOptions AtmSkimming { get; init; } = new();

    /// <summary>detectors.payment-fraud</summary>
    public PaymentFraudOptions PaymentFraud { get; init; } = new();

    /// <summary>detectors.refund-abuse</summary>
    public RefundOptions RefundAbuse { get; init; } = new();

    /// <summary>detectors.insider-fraud</summary>
    public RefundOptions InsiderFraud { get; init; } = new();

    /// <summary>detectors.promotion-abuse</summary>
    public Ensuresec.Detection.Promotions.PromotionAbuseOptions PromotionAbuse { get; init; } = new();

    /// <summary>detectors.account-burst</summary>
    public Ensuresec.Detection.Accounts.AccountBurstOptions AccountBurst { get; init; } = new();

    /// <summary>detectors.workflow-monitor: runtime monitors of the workflow properties (docs/WORKFLOWS.md).</summary>
    public Ensuresec.Workflows.Monitoring.WorkflowMonitorOptions WorkflowMonitor { get; init; } = new();

    /// <summary>detectors.lookalike-domain: domains imitating the shop's brand domains (phishing).</summary>
    public Ensuresec.Detection.Lookalike.LookalikeDomainOptions LookalikeDomain { get; init; } = new();

    /// <summary>incidents</summary>
    public CorrelatorOptions Incidents { get; init; } = new();
}
