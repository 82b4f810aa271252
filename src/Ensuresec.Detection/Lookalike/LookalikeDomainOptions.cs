using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Lookalike;

/// <summary>Settings of the lookalike-domain detector (YAML: detectors.lookalike-domain).</summary>
public sealed record LookalikeDomainOptions
{
    /// <summary>Whether the detector runs (it judges nothing until brand-domains is set).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The shop's own registered domains (e.g. shop.example); lookalikes of these are findings, these and their subdomains never are.</summary>
    public IReadOnlyList<string> BrandDomains { get; init; } = [];

    /// <summary>
    /// dnstwist's tables as JSON (glyphs_ascii, glyphs_unicode, latin_to_cyrillic): turns on the homoglyph and cyrillic
    /// techniques. Without it the other fuzzers still run.
    /// </summary>
    public string? DnstwistTables { get; init; }

    /// <summary>Unicode's confusables.txt (UTS #39): turns on the confusable-skeleton technique.</summary>
    public string? Confusables { get; init; }

    /// <summary>A word list (one word a line, as dnstwist's --dictionary): names made of a brand part and one of these words are findings.</summary>
    public string? Dictionary { get; init; }

    /// <summary>Brand names shorter than this are not matched by one-character edits (too many real domains are one edit from "ab.com").</summary>
    public int MinLabelLength { get; init; } = 4;

    /// <summary>Most lookalike domains remembered (each with the customers it reached); the oldest are forgotten first.</summary>
    public int MaxDomains { get; init; } = 10_000;

    /// <summary>Most customers remembered per lookalike domain.</summary>
    public int MaxExposedPerDomain { get; init; } = 10_000;

    /// <summary>Errors naming the property; empty when the options are usable.</summary>
    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.NotNull(errors, nameof(BrandDomains), BrandDomains);
        foreach (string b in BrandDomains ?? [])
        {
            if (DomainNames.Normalise(b ?? "") is null) errors.Add(new OptionsError(nameof(BrandDomains), $"'{b}' is not a domain name"));
        }

        if (DnstwistTables is { } t && !File.Exists(t)) errors.Add(new OptionsError(nameof(DnstwistTables), $"{t}: not found"));
        if (Dictionary is { } d && !File.Exists(d)) errors.Add(new OptionsError(nameof(Dictionary), $"{d}: not found"));
        if (Confusables is { } c && !File.Exists(c)) errors.Add(new OptionsError(nameof(Confusables), $"{c}: not found"));
        OptionChecks.AtLeast(errors, nameof(MinLabelLength), MinLabelLength, 2);
        OptionChecks.AtLeast(errors, nameof(MaxDomains), MaxDomains, 1);
        OptionChecks.AtLeast(errors, nameof(MaxExposedPerDomain), MaxExposedPerDomain, 1);
        return errors;
    }
}
