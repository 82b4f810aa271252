using System.CommandLine;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec ledger …`: the verifiable evidence ledger (a C2SP tiled transparency log in a folder).</summary>
internal static class LedgerCommand
{
    public const string DefaultFolder = "./ensuresec-data/ledger";

    public static Command Create()
    {
        var command = new Command("ledger", "The evidence ledger: a transparency log (RFC 9162 tree, C2SP tiles, signed checkpoints, witnesses).");
        command.Subcommands.Add(LedgerInitCommand.Create());
        command.Subcommands.Add(LedgerAppendCommand.Create());
        command.Subcommands.Add(LedgerCheckpointCommand.Create());
        command.Subcommands.Add(LedgerProveCommand.Create());
        command.Subcommands.Add(LedgerVerifyCommand.Create());
        command.Subcommands.Add(LedgerAuditCommand.Create());
        return command;
    }

    public static Option<string> DataOption() =>
        new("--data") { Description = "The ledger folder (the server keeps its ledger in <data>/ledger).", DefaultValueFactory = _ => DefaultFolder };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };
}
