namespace Ensuresec.Integrity.Inspect;

/// <summary>What inspecting one file found. <see cref="Skipped"/> or <see cref="Error"/> say why nothing was analysed.</summary>
internal sealed record InspectionResult
{
    public required string Path { get; init; }
    public string Language { get; init; } = "none";
    public string? Sha256 { get; init; }
    public IReadOnlyList<RuleMatch> Matches { get; init; } = [];
    public IReadOnlyList<Fact> Facts { get; init; } = [];
    public IReadOnlyDictionary<string, int> Techniques { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<string> Notes { get; init; } = [];
    public string? Skipped { get; init; }
    public string? Error { get; init; }
}
