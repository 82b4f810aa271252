namespace Ensuresec.Integrity.Components;

/// <summary>A third-party component: OSV ecosystem and name (npm "@scope/x", Packagist "vendor/x", WordPress plugin slug), version, where it was found.</summary>
internal sealed record Component(string Ecosystem, string Name, string Version, string Source)
{
    /// <summary>The package URL (purl) for the SBOM.</summary>
    public string Purl => Ecosystem switch
    {
        "npm" => "pkg:npm/" + (Name.StartsWith('@') ? "%40" + Name[1..] : Name) + "@" + Uri.EscapeDataString(Version),
        "Packagist" => "pkg:composer/" + Name + "@" + Uri.EscapeDataString(Version),
        "WordPress" => "pkg:wordpress/" + Name + "@" + Uri.EscapeDataString(Version),
        "PyPI" => "pkg:pypi/" + Name + "@" + Uri.EscapeDataString(Version),
        "Maven" => "pkg:maven/" + Name.Replace(':', '/') + "@" + Uri.EscapeDataString(Version),
        "RubyGems" => "pkg:gem/" + Name + "@" + Uri.EscapeDataString(Version),
        "NuGet" => "pkg:nuget/" + Name + "@" + Uri.EscapeDataString(Version),
        _ => "pkg:generic/" + Uri.EscapeDataString(Name) + "@" + Uri.EscapeDataString(Version),
    };

    /// <summary>Ecosystem and name from a purl, or null for a type we do not map.</summary>
    public static (string Ecosystem, string Name, string? Version)? FromPurl(string purl)
    {
        if (!purl.StartsWith("pkg:", StringComparison.Ordinal)) return null;
        string rest = purl[4..];
        int q = rest.IndexOfAny(['?', '#']);
        if (q >= 0) rest = rest[..q];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) return null;
        string type = rest[..slash].ToLowerInvariant();
        string path = rest[(slash + 1)..];
        string? version = null;
        int at = path.LastIndexOf('@');
        if (at > 0) { version = Uri.UnescapeDataString(path[(at + 1)..]); path = path[..at]; }
        string name = Uri.UnescapeDataString(path);
        return type switch
        {
            "npm" => ("npm", name, version),
            "composer" => ("Packagist", name, version),
            "wordpress" => ("WordPress", name, version),
            "pypi" => ("PyPI", name.ToLowerInvariant().Replace('_', '-'), version),
            "maven" => ("Maven", name.Replace('/', ':'), version),
            "gem" => ("RubyGems", name, version),
            "nuget" => ("NuGet", name, version),
            "golang" => ("Go", name, version),
            "cargo" => ("crates.io", name, version),
            _ => null,
        };
    }
}
