using Ensuresec.Detection;
using Ensuresec.Detection.Incidents;

namespace Ensuresec.Config;

/// <summary>
/// The whole of ensuresec.yaml. Every property has a default that works, so the file is optional and
/// holds only what a user changes. Keys are written in kebab-case (request-flood) or snake_case.
/// </summary>
public sealed class EnsuresecConfig
{
    /// <summary>Folder of the embedded store (SQLite) and anything else the platform keeps.</summary>
    public string Data { get; init; } = "./ensuresec-data";

    public ServerSection Server { get; init; } = new();

    public PipelineSection Pipeline { get; init; } = new();

    public SourcesSection Sources { get; init; } = new();

    public RetentionSection Retention { get; init; } = new();

    /// <summary>ledger: the evidence ledger (folder, key, witness policy, group commit).</summary>
    public LedgerSection Ledger { get; init; } = new();

    /// <summary>assets: the asset map file the physical detectors and the correlator use (docs/PHYSICAL.md).</summary>
    public AssetsSection Assets { get; init; } = new();

    /// <summary>detectors: one section per detector (request-flood, scanning, ...), each with enabled and its thresholds.</summary>
    public DetectionOptions Detectors { get; init; } = new();

    /// <summary>incidents: how findings are grouped into incidents.</summary>
    public CorrelatorOptions Incidents { get; init; } = new();

    /// <summary>The detector settings with the top-level incidents section in place.</summary>
    public DetectionOptions Detection => Detectors with { Incidents = Incidents };

    /// <summary>Checks what types alone cannot: ranges and combinations. Errors name the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Data)) errors.Add("data: must name a folder");
        Server.Validate(errors);
        Pipeline.Validate(errors);
        Sources.Validate(errors);
        Retention.Validate(errors);
        Ledger.Validate(errors);
        Assets.Validate(errors);
        errors.AddRange(DetectorCatalog.Validate(Detection).Select(e => e.ToString()));
        return errors;
    }
}
