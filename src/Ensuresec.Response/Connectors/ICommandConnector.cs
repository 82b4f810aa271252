using Ensuresec.Response.Cacao;

namespace Ensuresec.Response.Connectors;

/// <summary>Carries out the CACAO commands of one type (http-api, bash, manual, x-ensuresec-deny-list, x-ensuresec-email).</summary>
public interface ICommandConnector
{
    string CommandType { get; }

    /// <summary>Runs one command (variables already substituted). Failures are outcomes, not exceptions.</summary>
    Task<CommandOutcome> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken);
}

/// <summary>A command to run, with the agent and targets its step names.</summary>
public sealed record CommandRequest(CacaoCommand Command, AgentDefinition? Agent, IReadOnlyList<AgentDefinition> Targets);

/// <summary>The result of one command: success, a one-line detail for the history, and output for the step's out_args.</summary>
public sealed record CommandOutcome(bool Succeeded, string Detail, string? Output = null, bool Manual = false)
{
    public static CommandOutcome Ok(string detail, string? output = null) => new(true, detail, output);

    public static CommandOutcome Fail(string detail) => new(false, detail);
}
