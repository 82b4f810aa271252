namespace Ensuresec.Response.Connectors;

/// <summary>
/// CACAO 'bash' commands, run with /bin/sh -c under a time limit. A playbook that runs shell commands can do
/// anything the server's user can, so this connector exists only when the operator turns it on
/// (response.command-line.enabled); output becomes the step's first out_arg.
/// </summary>
public sealed class CommandLineConnector(TimeSpan timeout) : ICommandConnector
{
    public string CommandType => "bash";

    public async Task<CommandOutcome> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? command = request.Command.Command;
        if (string.IsNullOrWhiteSpace(command)) return CommandOutcome.Fail("empty command");
        var result = await ProcessRunner.RunAsync(["/bin/sh", "-c", command], timeout, cancellationToken).ConfigureAwait(false);
        string shown = command.Length <= 120 ? command : command[..120] + "...";
        return result.ExitCode == 0
            ? CommandOutcome.Ok($"`{shown}` exited 0", result.Output)
            : CommandOutcome.Fail($"`{shown}` exited {result.ExitCode}: {Tail(result.Error)}");
    }

    private static string Tail(string text) => text.Length <= 300 ? text.ReplaceLineEndings(" ") : "..." + text[^300..].ReplaceLineEndings(" ");
}
