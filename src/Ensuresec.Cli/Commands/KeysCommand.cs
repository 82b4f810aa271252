using System.CommandLine;

namespace Ensuresec.Cli.Commands;

// Scaffolding: replaced by the real command in this session.
internal static class KeysCommand
{
    public static Command Create() => new("keys", "not built yet");
}
