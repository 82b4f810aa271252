using System.CommandLine;

namespace Ensuresec.Cli.Commands;

// Scaffolding: replaced by the real command in this session.
internal static class BenchCommand
{
    public static Command Create() => new("bench", "not built yet");
}
