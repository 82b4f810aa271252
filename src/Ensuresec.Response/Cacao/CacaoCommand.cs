namespace Ensuresec.Response.Cacao;

/// <summary>A CACAO command (section 5): its type selects the connector; command/content carry what to do.</summary>
public sealed record CacaoCommand(string Type, string? Command, string? Content, IReadOnlyDictionary<string, IReadOnlyList<string>> Headers, string? Description);
