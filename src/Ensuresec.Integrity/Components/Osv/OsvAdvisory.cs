namespace Ensuresec.Integrity.Components.Osv;

/// <summary>The parts of an OSV record (https://ossf.github.io/osv-schema/) that matching needs.</summary>
internal sealed record OsvAdvisory
{
    public required string Id { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public DateTimeOffset? Withdrawn { get; init; }
    public IReadOnlyList<(string Type, string Score)> Severity { get; init; } = [];
    public required IReadOnlyList<OsvAffected> Affected { get; init; }

    /// <summary>The source file and position, for messages.</summary>
    public string Source { get; init; } = string.Empty;
}

internal sealed record OsvAffected(string Ecosystem, string Name, IReadOnlyList<OsvRange> Ranges, IReadOnlyList<string> Versions, IReadOnlyList<(string Type, string Score)> Severity, string? DatabaseSeverity);

internal sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events);

internal sealed record OsvEvent(string Kind, string Version);
