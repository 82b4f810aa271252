using System.CommandLine;

namespace Ensuresec.Cli.Commands;

// Scaffolding: replaced by the real command in this session.
internal static class DemoCommand
{
    public static Command Create() => new("demo", "not built yet");
}
