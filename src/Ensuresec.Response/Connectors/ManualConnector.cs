namespace Ensuresec.Response.Connectors;

/// <summary>CACAO 'manual' commands: nothing to automate; the instruction is recorded for an analyst.</summary>
public sealed class ManualConnector : ICommandConnector
{
    public string CommandType => "manual";

    public Task<CommandOutcome> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string text = request.Command.Command ?? request.Command.Description ?? request.Command.Content ?? "(no instruction)";
        return Task.FromResult(new CommandOutcome(true, "for an analyst: " + text, null, Manual: true));
    }
}
