using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;
using Ensuresec.Detection.Credentials;
using Ensuresec.Detection.Flood;
using Ensuresec.Detection.Fraud;
using Ensuresec.Detection.Payments;
using Ensuresec.Detection.Scanning;
using Ensuresec.Detection.Takeover;
using Ensuresec.Detection.Web;
using Ensuresec.Physical;
using Ensuresec.Physical.Common;

namespace Ensuresec.Detection;

/// <summary>The detectors of the platform, built from <see cref="DetectionOptions"/> for the detection pipeline.</summary>
public static class DetectorCatalog
{
    /// <summary>The names of all detectors, in pipeline order (also their YAML keys under <c>detectors</c>).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        RequestFloodDetector.DetectorName,
        ScanningDetector.DetectorName,
        CredentialStuffingDetector.DetectorName,
        AccountTakeoverDetector.DetectorName,
        CardTestingDetector.DetectorName,
        WebPayloadDetector.DetectorName,
        SigmaDetector.DetectorName,
        .. PhysicalDetectors.Names,
        PaymentFraudDetector.DetectorName,
        RefundAbuseDetector.DetectorName,
        InsiderFraudDetector.DetectorName,
        Promotions.PromotionAbuseDetector.DetectorName,
        Accounts.AccountBurstDetector.DetectorName,
        Ensuresec.Workflows.Monitoring.WorkflowMonitorDetector.DetectorName,
    ];

    /// <summary>
    /// One factory per enabled detector (the pipeline calls each once per partition).
    /// Throws <see cref="ArgumentException"/> if the options are invalid: call <see cref="Validate"/> first to report them.
    /// </summary>
    public static IReadOnlyList<Func<IDetector>> Create(DetectionOptions options) => Create(options, null);

    /// <summary>As <see cref="Create(DetectionOptions)"/>, with the asset map the physical detectors judge against (null: none).</summary>
    public static IReadOnlyList<Func<IDetector>> Create(DetectionOptions options, Physical.Assets.AssetMap? assets)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Validate(options);
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var factories = new List<Func<IDetector>>();
        if (options.RequestFlood.Enabled) factories.Add(() => new RequestFloodDetector(options.RequestFlood));
        if (options.Scanning.Enabled) factories.Add(() => new ScanningDetector(options.Scanning));
        if (options.CredentialStuffing.Enabled) factories.Add(() => new CredentialStuffingDetector(options.CredentialStuffing));
        if (options.AccountTakeover.Enabled) factories.Add(() => new AccountTakeoverDetector(options.AccountTakeover));
        if (options.CardTesting.Enabled) factories.Add(() => new CardTestingDetector(options.CardTesting));

        // Web payloads (SQL injection, XSS, traversal, command and code injection...) through Ensuresec.Waf.
        if (options.WebPayload.Enabled) factories.Add(() => new WebPayloadDetector(options.WebPayload));
        if (options.Sigma.Enabled)
        {
            // Loaded and compiled once (every rule that does not load is in its Problems); no folders: no rules, no events taken.
            var sigma = options.Sigma.Load();
            factories.Add(() => new SigmaDetector(sigma, options.Sigma));
        }

        if (options.ColdChain.Enabled) factories.Add(() => PhysicalDetectors.Create(options.ColdChain));
        if (options.RouteMonitor.Enabled) factories.Add(() => PhysicalDetectors.Create(options.RouteMonitor, assets));
        if (options.SensorIntegrity.Enabled) factories.Add(() => PhysicalDetectors.Create(options.SensorIntegrity));
        if (options.ParcelCustody.Enabled) factories.Add(() => PhysicalDetectors.Create(options.ParcelCustody));
        if (options.DeliveryClaims.Enabled) factories.Add(() => PhysicalDetectors.Create(options.DeliveryClaims));
        if (options.AtmSkimming.Enabled) factories.Add(() => PhysicalDetectors.Create(options.AtmSkimming, assets));
        if (options.PaymentFraud.Enabled) factories.Add(() => new PaymentFraudDetector(options.PaymentFraud));
        if (options.RefundAbuse.Enabled) factories.Add(() => new RefundAbuseDetector(options.RefundAbuse));
        if (options.InsiderFraud.Enabled) factories.Add(() => new InsiderFraudDetector(options.InsiderFraud));
        if (options.PromotionAbuse.Enabled) factories.Add(() => new Promotions.PromotionAbuseDetector(options.PromotionAbuse));
        if (options.AccountBurst.Enabled) factories.Add(() => new Accounts.AccountBurstDetector(options.AccountBurst));
        if (options.WorkflowMonitor.Enabled)
        {
            // The workflows are loaded and compiled once; every partition's instance shares them.
            var monitors = Ensuresec.Workflows.Monitoring.MonitorSet.Load(options.WorkflowMonitor, out var workflowErrors)
                ?? throw new ArgumentException(string.Join("; ", workflowErrors), nameof(options));
            factories.Add(() => new Ensuresec.Workflows.Monitoring.WorkflowMonitorDetector(monitors, options.WorkflowMonitor));
        }

        // Not in Names: it runs only once brand domains are configured (detectors.lookalike-domain.brand-domains).
        if (Lookalike.LookalikeDomains.Create(options.LookalikeDomain) is { } lookalike) factories.Add(lookalike);
        return factories;
    }

    /// <summary>Every invalid setting, with its full key path (e.g. detectors.request-flood.window); empty when all are valid.</summary>
    public static IReadOnlyList<OptionsError> Validate(DetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<OptionsError>();
        Section(errors, RequestFloodDetector.DetectorName, options.RequestFlood, o => o.Validate());
        Section(errors, ScanningDetector.DetectorName, options.Scanning, o => o.Validate());
        Section(errors, CredentialStuffingDetector.DetectorName, options.CredentialStuffing, o => o.Validate());
        Section(errors, AccountTakeoverDetector.DetectorName, options.AccountTakeover, o => o.Validate());
        Section(errors, CardTestingDetector.DetectorName, options.CardTesting, o => o.Validate());
        Section(errors, WebPayloadDetector.DetectorName, options.WebPayload, o => o.Validate());
        Section(errors, SigmaDetector.DetectorName, options.Sigma, o => o.Validate());
        Physical(errors, PhysicalDetectors.ColdChain, options.ColdChain, o => o.Validate());
        Physical(errors, PhysicalDetectors.RouteMonitor, options.RouteMonitor, o => o.Validate());
        Physical(errors, PhysicalDetectors.SensorIntegrity, options.SensorIntegrity, o => o.Validate());
        Physical(errors, PhysicalDetectors.ParcelCustody, options.ParcelCustody, o => o.Validate());
        Physical(errors, PhysicalDetectors.DeliveryClaims, options.DeliveryClaims, o => o.Validate());
        Physical(errors, PhysicalDetectors.AtmSkimming, options.AtmSkimming, o => o.Validate());
        Section(errors, PaymentFraudDetector.DetectorName, options.PaymentFraud, o => o.Validate());
        Section(errors, RefundAbuseDetector.DetectorName, options.RefundAbuse, o => o.Validate());
        Section(errors, InsiderFraudDetector.DetectorName, options.InsiderFraud, o => o.Validate());
        Section(errors, Promotions.PromotionAbuseDetector.DetectorName, options.PromotionAbuse, o => o.Validate());
        Section(errors, Accounts.AccountBurstDetector.DetectorName, options.AccountBurst, o => o.Validate());
        Section(errors, Ensuresec.Workflows.Monitoring.WorkflowMonitorDetector.DetectorName, options.WorkflowMonitor, ValidateWorkflowMonitor);
        Section(errors, Lookalike.LookalikeDomainDetector.DetectorName, options.LookalikeDomain, Lookalike.LookalikeDomains.Validate);
        if (options.Incidents is null) errors.Add(new OptionsError("incidents", "must be set"));
        else errors.AddRange(OptionChecks.Under("incidents", options.Incidents.Validate()));
        return errors;
    }

    private static void Physical<T>(List<OptionsError> errors, string name, T? section, Func<T, IReadOnlyList<OptionProblem>> validate)
        where T : class
    {
        string prefix = "detectors." + name;
        if (section is null) errors.Add(new OptionsError(prefix, "must be set"));
        else errors.AddRange(validate(section).Select(p => new OptionsError(prefix + "." + p.Key, p.Message)));
    }

    // Settings first; then, when enabled, the workflow files themselves (errors name file:line:column).
    private static IReadOnlyList<OptionsError> ValidateWorkflowMonitor(Ensuresec.Workflows.Monitoring.WorkflowMonitorOptions o)
    {
        var errors = o.Validate().Select(e => new OptionsError(e.Key, e.Message)).ToList();
        if (errors.Count == 0 && o.Enabled && Ensuresec.Workflows.Monitoring.MonitorSet.Load(o, out var fileErrors) is null)
        {
            errors.AddRange(fileErrors.Select(e => new OptionsError("files", e)));
        }

        return errors;
    }

    private static void Section<T>(List<OptionsError> errors, string name, T? section, Func<T, IReadOnlyList<OptionsError>> validate)
        where T : class
    {
        string prefix = "detectors." + name;
        if (section is null) errors.Add(new OptionsError(prefix, "must be set"));
        else errors.AddRange(OptionChecks.Under(prefix, validate(section)));
    }
}
