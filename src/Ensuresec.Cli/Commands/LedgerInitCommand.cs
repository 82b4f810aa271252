using System.CommandLine;
using Ensuresec.Ledger.Log;

namespace Ensuresec.Cli.Commands;

/// <summary>`ledger init`: a new ledger with its own Ed25519 key; prints the verifier key others need.</summary>
internal static class LedgerInitCommand
{
    public static Command Create()
    {
        var data = LedgerCommand.DataOption();
        var json = LedgerCommand.JsonOption();
        var origin = new Option<string>("--origin") { Description = "The log's name (checkpoint origin and key name), e.g. shop.example/ledger.", DefaultValueFactory = _ => "ensuresec.local/ledger" };
        var command = new Command("init", "Create a ledger in a folder: key pair, policy (no witnesses yet) and an empty signed checkpoint.");
        command.Options.Add(data);
        command.Options.Add(origin);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            var created = LedgerFolder.Init(pr.GetValue(data)!, pr.GetValue(origin)!);
            if (!created.Ok) return LedgerOutput.Fail(created.Error);
            using var folder = created.Value;
            if (pr.GetValue(json))
            {
                LedgerOutput.Json(w =>
                {
                    w.WriteString("folder", folder.Folder);
                    w.WriteString("origin", folder.Origin);
                    w.WriteString("vkey", folder.VerifierKey);
                });
            }
            else
            {
                Console.Out.WriteLine($"ledger created in {folder.Folder}");
                Console.Out.WriteLine($"origin: {folder.Origin}");
                Console.Out.WriteLine($"vkey:   {folder.VerifierKey}");
                Console.Out.WriteLine("Give the vkey to whoever verifies the ledger; add witnesses to the policy file to have checkpoints cosigned.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
