namespace Ensuresec.Assessment.Model;

/// <summary>A whole model: what is assessed. Built by <see cref="ModelLoader"/>, checked by <see cref="ModelValidator"/>.</summary>
public sealed record ThreatModel(
    string Name,
    string Description,
    IReadOnlyList<Zone> Zones,
    IReadOnlyList<Asset> Assets,
    IReadOnlyList<Connection> Connections,
    IReadOnlyList<ControlDefinition> Controls,
    IReadOnlyList<ThreatDefinition> Threats,
    AssessmentSettings Settings);

/// <summary>Defaults for an assessment that the command line may override.</summary>
public sealed record AssessmentSettings(double Threshold, int TopPaths);

/// <summary>A trust zone; <see cref="Inside"/> names an enclosing zone (cycles are an error).</summary>
public sealed record Zone(string Name, ZoneTrust Trust, string? Inside, SourceMark Mark);

public enum ZoneTrust
{
    Untrusted,
    Dmz,
    Internal,
    Restricted,
}

/// <summary>Where a model item was written, so that later checks can point at it.</summary>
public readonly record struct SourceMark(int Line, int Column, string KeyPath);

public sealed record Asset(
    string Name,
    string Type,
    string Zone,
    string Description,
    bool Exposed,
    bool CrownJewel,
    int Impact,
    IReadOnlyList<string> Data,
    IReadOnlyList<string> Controls,
    IReadOnlyList<Weakness> Weaknesses,
    IReadOnlyList<Dependency> DependsOn,
    SourceMark Mark)
{
    /// <summary>Whether the model said <c>exposed</c> explicitly; otherwise assets in an untrusted zone are exposed.</summary>
    internal bool ExposedGiven { get; init; }

    public ElementKind Kind => AssetTypes.KindOf(Type);

    public Domain Domain => AssetTypes.DomainOf(Type);
}

public enum DependencyMode
{
    /// <summary>The asset stops when the dependency stops.</summary>
    Hard,

    /// <summary>The asset degrades (works slower, by hand, with less) when the dependency stops.</summary>
    Soft,
}

public sealed record Dependency(string Asset, DependencyMode Mode, SourceMark Mark);

/// <summary>A known weakness of an asset: a CVE with its CVSS v3.1 vector, or a catalogue threat known to apply.</summary>
public sealed record Weakness(
    string? Cve,
    Cvss.CvssVector? Cvss,
    string? Threat,
    string? Component,
    string? Source,
    double FixCost,
    IReadOnlyList<string> StoppedBy,
    SourceMark Mark)
{
    /// <summary>The control that removes this weakness (patching or upgrading the component).</summary>
    public string FixControlId => Cve is null ? "" : $"fix:{Cve}";
}

public enum ConnectionKind
{
    /// <summary>Data flows from one to the other over a network: each can reach the other.</summary>
    Network,

    /// <summary>The source (a person or system) acts on the target with its own rights.</summary>
    Uses,

    /// <summary>The source supplies code or goods that run in or go into the target (a plugin, a supplier).</summary>
    Supplies,

    /// <summary>The source physically holds the target (a van holds parcels, a cold room holds stock).</summary>
    Contains,

    /// <summary>Physical proximity or access: each can reach the other.</summary>
    Physical,
}

/// <summary>A connection between two assets; network connections are the data flows of STRIDE per element.</summary>
public sealed record Connection(
    string From,
    string To,
    ConnectionKind Kind,
    IReadOnlyList<string> Data,
    bool Encrypted,
    IReadOnlyList<string> Controls,
    SourceMark Mark)
{
    /// <summary>The element id of the flow in the attack graph and reports.</summary>
    public string Id => $"{From}->{To}";
}

/// <summary>A control that can be put in place, with its cost (relative units, e.g. person-days a year).</summary>
public sealed record ControlDefinition(string Id, string Name, double Cost, SourceMark Mark);

/// <summary>Where a threat's effect lands: on the element itself, or on the assets the element sends data to.</summary>
public enum EffectTarget
{
    Self,
    Next,
}

/// <summary>
/// A threat of the catalogue (or of a model): it applies to elements of the listed types or kinds that meet its
/// conditions; an attacker holding <see cref="Requires"/> on the element gains <see cref="Effect"/> on the target
/// with <see cref="Likelihood"/> and <see cref="Effort"/>, unless one of <see cref="StoppedBy"/> is in place.
/// With <see cref="RequiresData"/>, the precondition is holding that data class (e.g. stolen card data) instead.
/// With <see cref="EffectTarget.Next"/>, the effect lands on the assets the element connects to (of the
/// <see cref="Targets"/> types, all when empty).
/// </summary>
public sealed record ThreatDefinition(
    string Id,
    string Name,
    string Stride,
    string? Attack,
    IReadOnlyList<string> AppliesToTypes,
    IReadOnlyList<ElementKind> AppliesToKinds,
    IReadOnlyList<string> When,
    Privilege Requires,
    string? RequiresData,
    Privilege Effect,
    EffectTarget On,
    IReadOnlyList<string> Targets,
    double Likelihood,
    double Effort,
    IReadOnlyList<string> StoppedBy,
    string Description,
    SourceMark Mark);
