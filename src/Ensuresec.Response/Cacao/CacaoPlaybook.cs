namespace Ensuresec.Response.Cacao;

/// <summary>A loaded CACAO 2.0 playbook: the parts the validator and the executor use.</summary>
public sealed record CacaoPlaybook
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string WorkflowStart { get; init; }
    public string? WorkflowException { get; init; }
    public required IReadOnlyDictionary<string, CacaoStep> Steps { get; init; }
    public IReadOnlyDictionary<string, AgentDefinition> Agents { get; init; } = new Dictionary<string, AgentDefinition>();
    public IReadOnlyDictionary<string, AgentDefinition> Targets { get; init; } = new Dictionary<string, AgentDefinition>();
    public IReadOnlyDictionary<string, CacaoVariable> Variables { get; init; } = new Dictionary<string, CacaoVariable>();
}

/// <summary>An agent or target definition: its type, name, and the e-mail addresses of its contact, if any.</summary>
public sealed record AgentDefinition(string Type, string Name, IReadOnlyList<string> Emails, IReadOnlyList<string> Addresses);
