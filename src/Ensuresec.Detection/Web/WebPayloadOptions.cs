using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Web;

/// <summary>Settings of the web payload detector (YAML: detectors.web-payload).</summary>
public sealed record WebPayloadOptions
{
    /// <summary>Whether the detector runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Paranoia level of the request analyser, 1-4 (see docs/WAF.md).</summary>
    public int Paranoia { get; init; } = 2;

    /// <summary>Anomaly score at which a request counts as an attack.</summary>
    public int Threshold { get; init; } = 5;

    /// <summary>After a finding for an address and an attack class, further hits of that class are counted but not reported for this long.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Addresses with no request for this long are forgotten.</summary>
    public TimeSpan IdleExpiry { get; init; } = TimeSpan.FromHours(1);

    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        if (Paranoia is < 1 or > 4) errors.Add(new OptionsError("paranoia", "must be 1..4"));
        if (Threshold is < 1 or > 1000) errors.Add(new OptionsError("threshold", "must be 1..1000"));
        if (CoolDown < TimeSpan.Zero) errors.Add(new OptionsError("cool-down", "must not be negative"));
        if (IdleExpiry <= TimeSpan.Zero) errors.Add(new OptionsError("idle-expiry", "must be positive"));
        return errors;
    }
}
