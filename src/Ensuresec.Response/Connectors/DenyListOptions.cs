namespace Ensuresec.Response.Connectors;

/// <summary>
/// The nginx deny list: a file of <c>deny ADDRESS;</c> lines that an nginx http, server or location block
/// includes, and the commands that test and reload nginx after each change.
/// </summary>
public sealed record DenyListOptions
{
    public required string FilePath { get; init; }

    /// <summary>Run before reloading (e.g. nginx -t); when it fails the previous file is put back. Empty: no test.</summary>
    public IReadOnlyList<string> TestCommand { get; init; } = [];

    /// <summary>Run after a change (e.g. nginx -s reload). Empty: no reload.</summary>
    public IReadOnlyList<string> ReloadCommand { get; init; } = [];
}
