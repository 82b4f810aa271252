using System.CommandLine;

namespace Ensuresec.Cli.Commands;

// Scaffolding: replaced by the real command in this session.
internal static class ServeCommand
{
    public static Command Create() => new("serve", "not built yet");
}
