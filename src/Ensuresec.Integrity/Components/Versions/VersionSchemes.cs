namespace Ensuresec.Integrity.Components.Versions;

/// <summary>The version order for an OSV range: SEMVER ranges always use Semantic Versioning; ECOSYSTEM ranges use the package's ecosystem.</summary>
internal static class VersionSchemes
{
    public static IVersionScheme? ForRange(string rangeType, string ecosystem) => rangeType switch
    {
        "SEMVER" => SemVerScheme.Instance,
        "ECOSYSTEM" => ForEcosystem(ecosystem),
        _ => null, // GIT ranges name commits, which a version string cannot be placed among
    };

    public static IVersionScheme ForEcosystem(string ecosystem) => BaseName(ecosystem) switch
    {
        "npm" => SemVerScheme.Instance,
        "Packagist" => ComposerScheme.Instance,
        var other => new GenericScheme(other),
    };

    /// <summary>"Debian:11" -> "Debian": the release suffix does not change the order.</summary>
    public static string BaseName(string ecosystem)
    {
        int colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ecosystem : ecosystem[..colon];
    }
}
