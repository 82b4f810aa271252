using Ensuresec.Waf.Exclusions;

namespace Ensuresec.Waf;

/// <summary>Settings of the request analyser.</summary>
public sealed record WafOptions
{
    /// <summary>
    /// 1-4, as in the OWASP Core Rule Set: each rule runs from its level up. Level 1 is for anything; level 2 adds
    /// rules with rare false positives on shop traffic (the default); 3 and 4 add rules that need exclusions.
    /// </summary>
    public int Paranoia { get; init; } = 2;

    /// <summary>The anomaly score at which a request is an attack (block mode refuses it).</summary>
    public int Threshold { get; init; } = 5;

    /// <summary>HTTP methods a client may use; anything else is a protocol finding.</summary>
    public IReadOnlyList<string> AllowedMethods { get; init; } = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE"];

    /// <summary>Request content types whose bodies may be sent (the part before any ';').</summary>
    public IReadOnlyList<string> AllowedContentTypes { get; init; } =
    [
        "application/x-www-form-urlencoded", "multipart/form-data", "multipart/related", "text/xml", "application/xml",
        "application/soap+xml", "application/json", "application/cloudevents+json", "application/cloudevents-batch+json",
        "application/x-amf", "application/csp-report", "application/xss-auditor-report", "text/plain", "application/merge-patch+json",
        "application/problem+json", "application/vnd.api+json",
    ];

    /// <summary>Most arguments (query, form, JSON and XML fields) inspected per request; more is a protocol finding.</summary>
    public int MaxArguments { get; init; } = 1000;

    /// <summary>Longest argument value inspected, in characters; the rest is cut (and reported at paranoia 2).</summary>
    public int MaxValueLength { get; init; } = 64 * 1024;

    /// <summary>Deepest JSON or XML nesting parsed; deeper bodies are a protocol finding and inspected as raw text.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Per-site exclusions (by path, argument and class).</summary>
    public ExclusionSet Exclusions { get; init; } = ExclusionSet.Empty;

    /// <summary>Every invalid setting; empty when all are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Paranoia is < 1 or > 4) errors.Add("paranoia: must be 1..4");
        if (Threshold is < 1 or > 1000) errors.Add("threshold: must be 1..1000");
        if (MaxArguments is < 1 or > 100_000) errors.Add("max-arguments: must be 1..100000");
        if (MaxValueLength is < 16 or > 16 * 1024 * 1024) errors.Add("max-value-length: must be 16..16777216");
        if (MaxDepth is < 2 or > 1000) errors.Add("max-depth: must be 2..1000");
        if (AllowedMethods is null || AllowedMethods.Count == 0) errors.Add("allowed-methods: must list at least one method");
        if (AllowedContentTypes is null) errors.Add("allowed-content-types: must be set");
        if (Exclusions is null) errors.Add("exclusions: must be set");
        return errors;
    }
}
