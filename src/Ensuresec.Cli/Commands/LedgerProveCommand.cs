using System.CommandLine;
using Ensuresec.Ledger.Log;

namespace Ensuresec.Cli.Commands;

/// <summary>`ledger prove --index N [--size M]`: an inclusion proof, as a c2sp.org/tlog-proof when M is the published size.</summary>
internal static class LedgerProveCommand
{
    public static Command Create()
    {
        var data = LedgerCommand.DataOption();
        var json = LedgerCommand.JsonOption();
        var index = new Option<ulong>("--index") { Description = "The entry's index (0-based).", Required = true };
        var size = new Option<ulong?>("--size") { Description = "The tree size to prove against (default: the published checkpoint's)." };
        var command = new Command("prove", "Print the inclusion proof of an entry (text: c2sp.org/tlog-proof@v1 with the published checkpoint).");
        command.Options.Add(data);
        command.Options.Add(index);
        command.Options.Add(size);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            var opened = LedgerFolder.Open(pr.GetValue(data)!);
            if (!opened.Ok) return LedgerOutput.Fail(opened.Error);
            using var folder = opened.Value;
            var published = folder.Published();
            var latest = folder.Latest();
            if (!latest.Ok) return LedgerOutput.Fail(latest.Error);
            ulong treeSize = pr.GetValue(size) ?? (published.Ok ? published.Value.Checkpoint.Size : latest.Value.Checkpoint.Size);
            if (treeSize > latest.Value.Checkpoint.Size) return LedgerOutput.Fail($"--size {treeSize} is beyond the tree size {latest.Value.Checkpoint.Size}");
            var signed = published.Ok && published.Value.Checkpoint.Size == treeSize ? published.Value
                : latest.Value.Checkpoint.Size == treeSize ? latest.Value : null;
            byte[] root;
            try
            {
                root = signed?.Checkpoint.RootHash ?? new Ensuresec.Ledger.Tiles.TileTree(folder.Store, treeSize).Root();
            }
            catch (Ensuresec.Ledger.Tiles.LedgerDataException ex)
            {
                return LedgerOutput.Fail(ex.Message);
            }

            var proof = LedgerChecks.Prove(folder.Store, pr.GetValue(index), treeSize, root);
            if (!proof.Ok) return LedgerOutput.Fail(proof.Error);
            var p = proof.Value;
            if (pr.GetValue(json))
            {
                LedgerOutput.Json(w =>
                {
                    w.WriteNumber("index", p.Index);
                    w.WriteNumber("size", p.Size);
                    w.WriteString("leaf_hash", Convert.ToBase64String(p.LeafHash));
                    w.WriteString("root", Convert.ToBase64String(p.Root));
                    w.WriteStartArray("proof");
                    foreach (var h in p.Proof) w.WriteStringValue(Convert.ToBase64String(h));
                    w.WriteEndArray();
                    if (p.Entry is not null) w.WriteString("entry", Convert.ToBase64String(p.Entry));
                    if (signed is not null) w.WriteString("checkpoint", signed.Note);
                });
            }
            else if (signed is not null)
            {
                Console.Out.Write(LedgerChecks.FormatTlogProof(p, signed.Note));
            }
            else
            {
                Console.Out.WriteLine($"index {p.Index}\nsize {p.Size}\nroot {Convert.ToBase64String(p.Root)}");
                foreach (var h in p.Proof) Console.Out.WriteLine(Convert.ToBase64String(h));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
