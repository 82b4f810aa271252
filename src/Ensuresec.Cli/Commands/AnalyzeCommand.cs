using System.CommandLine;

namespace Ensuresec.Cli.Commands;

// Scaffolding: replaced by the real command in this session.
internal static class AnalyzeCommand
{
    public static Command Create() => new("analyze", "not built yet");
}
