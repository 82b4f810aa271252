using System.CommandLine;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Cli.Commands;

/// <summary>`ledger audit OLD NEW`: a newer checkpoint must extend the older one an auditor kept (consistency proof from the log).</summary>
internal static class LedgerAuditCommand
{
    public static Command Create()
    {
        var older = new Argument<string>("OLD") { Description = "The older checkpoint (a signed note file) the auditor kept." };
        var newer = new Argument<string>("NEW") { Description = "The newer checkpoint; '-' fetches the log's current one." };
        var data = new Option<string?>("--data") { Description = "The ledger folder the proof comes from (default ./ensuresec-data/ledger unless --url)." };
        var url = new Option<string?>("--url") { Description = "Or the log's URL prefix." };
        var key = new Option<string?>("--key") { Description = "The log's verifier key (default: the folder's own)." };
        var policy = new Option<string?>("--policy") { Description = "A tlog-policy file whose quorum both checkpoints must meet." };
        var json = LedgerCommand.JsonOption();
        var command = new Command("audit", "Check that NEW is consistent with OLD (append-only): both signed by the log, and the consistency proof verifies; exit 1 if not.");
        command.Arguments.Add(older);
        command.Arguments.Add(newer);
        command.Options.Add(data);
        command.Options.Add(url);
        command.Options.Add(key);
        command.Options.Add(policy);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            string? u = pr.GetValue(url);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            ITileSource source;
            LedgerRemote anchor;
            LedgerFolder? folder = null;
            try
            {
                if (u is not null)
                {
                    if (!Uri.TryCreate(u, UriKind.Absolute, out var prefix) || prefix.Scheme is not ("http" or "https")) return LedgerOutput.Fail("--url: an http(s) URL");
                    var remote = LedgerRemote.From(pr.GetValue(key), pr.GetValue(policy));
                    if (!remote.Ok) return LedgerOutput.Fail(remote.Error);
                    anchor = remote.Value;
                    source = new HttpTileSource(http, prefix);
                }
                else
                {
                    var opened = LedgerFolder.Open(pr.GetValue(data) ?? LedgerCommand.DefaultFolder);
                    if (!opened.Ok) return LedgerOutput.Fail(opened.Error);
                    folder = opened.Value;
                    var remote = LedgerRemote.From(pr.GetValue(key) ?? folder.VerifierKey, pr.GetValue(policy));
                    if (!remote.Ok) return LedgerOutput.Fail(remote.Error);
                    anchor = remote.Value;
                    source = folder.Store;
                }

                var oldBytes = ReadNote(pr.GetValue(older)!, source);
                if (!oldBytes.Ok) return LedgerOutput.Fail(oldBytes.Error);
                var newBytes = ReadNote(pr.GetValue(newer)!, source);
                if (!newBytes.Ok) return LedgerOutput.Fail(newBytes.Error);
                var audit = LedgerChecks.Audit(source, oldBytes.Value, newBytes.Value, anchor.Origin, anchor.Log, anchor.Policy);
                if (pr.GetValue(json))
                {
                    LedgerOutput.Json(w =>
                    {
                        w.WriteBoolean("consistent", audit.Ok);
                        if (audit.Ok)
                        {
                            w.WriteNumber("old_size", audit.Value.Older.Checkpoint.Size);
                            w.WriteNumber("new_size", audit.Value.Newer.Checkpoint.Size);
                            w.WriteStartArray("proof");
                            foreach (var h in audit.Value.Proof) w.WriteStringValue(Convert.ToBase64String(h));
                            w.WriteEndArray();
                        }
                        else
                        {
                            w.WriteString("error", audit.Error);
                        }
                    });
                }
                else
                {
                    Console.Out.WriteLine(audit.Ok
                        ? $"consistent: {audit.Value.Newer.Checkpoint.Size} extends {audit.Value.Older.Checkpoint.Size} ({audit.Value.Proof.Count} proof hashes)"
                        : "INCONSISTENT: " + audit.Error);
                }

                return audit.Ok ? ExitCodes.Ok : ExitCodes.FindingsAtOrAbove;
            }
            catch (LedgerDataException ex)
            {
                return LedgerOutput.Fail(ex.Message);
            }
            finally
            {
                folder?.Dispose();
            }
        });
        return command;
    }

    private static Ensuresec.Ledger.Parsed<byte[]> ReadNote(string path, ITileSource source)
    {
        if (path == "-")
        {
            var current = source.Read(TilePaths.CheckpointPath);
            return current is null ? Ensuresec.Ledger.Parsed<byte[]>.Fail("the log has no published checkpoint") : Ensuresec.Ledger.Parsed<byte[]>.Success(current);
        }

        if (!File.Exists(path)) return Ensuresec.Ledger.Parsed<byte[]>.Fail($"{path} does not exist");
        var info = new FileInfo(path);
        if (info.Length > Ensuresec.Ledger.Notes.SignedNote.MaxBytes) return Ensuresec.Ledger.Parsed<byte[]>.Fail($"{path} is too large for a checkpoint");
        return Ensuresec.Ledger.Parsed<byte[]>.Success(File.ReadAllBytes(path));
    }
}
