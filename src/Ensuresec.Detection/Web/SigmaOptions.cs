using Ensuresec.Detection.Common;
using Ensuresec.Waf.Sigma;

namespace Ensuresec.Detection.Web;

/// <summary>Settings of the Sigma rule detector (YAML: detectors.sigma). No rule folder by default: it takes no events.</summary>
public sealed record SigmaOptions
{
    /// <summary>Whether the detector runs (it also needs at least one folder in <see cref="Rules"/>).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Folders of Sigma rules (*.yml, *.yaml, searched recursively), e.g. a checkout of SigmaHQ's rules/web.</summary>
    public List<string> Rules { get; init; } = [];

    /// <summary>Which rules run: webserver (category webserver, products apache, nginx, iis), proxy, or all.</summary>
    public string Logsource { get; init; } = "webserver";

    /// <summary>After a finding for an address and a rule, further matches are counted but not reported for this long.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Addresses with no request for this long are forgotten.</summary>
    public TimeSpan IdleExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Whether there is anything to run.</summary>
    public bool Runs => Enabled && Rules is { Count: > 0 };

    public SigmaLogsource ParsedLogsource => Logsource switch
    {
        "proxy" => SigmaLogsource.Proxy,
        "all" => SigmaLogsource.All,
        _ => SigmaLogsource.Webserver,
    };

    /// <summary>Loads the configured folders (every rule that does not load is in the result's problems).</summary>
    public SigmaRuleSet Load() => Runs ? SigmaRuleSet.Load(Rules, ParsedLogsource) : SigmaRuleSet.Empty;

    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        if (Rules is null) errors.Add(new OptionsError("rules", "must be a list of folders (may be empty)"));
        else if (Enabled)
        {
            foreach (string folder in Rules.Where(f => !Directory.Exists(f))) errors.Add(new OptionsError("rules", $"folder '{folder}' not found"));
        }

        if (Logsource is not ("webserver" or "proxy" or "all")) errors.Add(new OptionsError("logsource", "must be webserver, proxy or all"));
        if (CoolDown < TimeSpan.Zero) errors.Add(new OptionsError("cool-down", "must not be negative"));
        if (IdleExpiry <= TimeSpan.Zero) errors.Add(new OptionsError("idle-expiry", "must be positive"));
        return errors;
    }
}
