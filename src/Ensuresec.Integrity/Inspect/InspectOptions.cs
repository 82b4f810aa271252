using Ensuresec.Integrity.Inspect.Rules;

namespace Ensuresec.Integrity.Inspect;

/// <summary>How <see cref="Inspector"/> reads files.</summary>
internal sealed record InspectOptions
{
    /// <summary>The shop's own hosts (and their subdomains): URLs to them are not foreign.</summary>
    public IReadOnlyCollection<string> OwnHosts { get; init; } = [];

    /// <summary>Larger files are reported as skipped, not read.</summary>
    public long MaxFileBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>How deep code hidden in code (eval of a decoded string of an eval ...) is followed.</summary>
    public int MaxDepth { get; init; } = 6;

    public RuleSet Rules { get; init; } = RuleSet.BuiltIn;
}
