using Ensuresec.Detection.Credentials;
using Ensuresec.Detection.Flood;
using Ensuresec.Detection.Incidents;
using Ensuresec.Detection.Payments;
using Ensuresec.Detection.Scanning;
using Ensuresec.Detection.Takeover;

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

    /// <summary>detectors.workflow-monitor: runtime monitors of the workflow properties (docs/WORKFLOWS.md).</summary>
    public Ensuresec.Workflows.Monitoring.WorkflowMonitorOptions WorkflowMonitor { get; init; } = new();

    /// <summary>incidents</summary>
    public CorrelatorOptions Incidents { get; init; } = new();
}
