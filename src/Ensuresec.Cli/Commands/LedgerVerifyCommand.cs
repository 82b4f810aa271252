using System.CommandLine;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Cli.Commands;

/// <summary>`ledger verify --data DIR | --url URL`: recomputes the whole tree from the entries and checks every signature.</summary>
internal static class LedgerVerifyCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "A ledger folder (default ./ensuresec-data/ledger unless --url is given)." };
        var url = new Option<string?>("--url") { Description = "A log's URL prefix (serving checkpoint and tile/…), e.g. http://127.0.0.1:5080/ledger/." };
        var key = new Option<string?>("--key") { Description = "With --url: the log's verifier key (name+id+key)." };
        var policy = new Option<string?>("--policy") { Description = "With --url: a tlog-policy file (log key, witnesses, quorum)." };
        var json = LedgerCommand.JsonOption();
        var command = new Command("verify", "Recompute the tree from the entries and tiles, check the signature and the witness cosignatures; exit 1 on any problem.");
        command.Options.Add(data);
        command.Options.Add(url);
        command.Options.Add(key);
        command.Options.Add(policy);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            string? u = pr.GetValue(url);
            if (u is not null && pr.GetValue(data) is not null) return LedgerOutput.Fail("give --data or --url, not both");
            LedgerVerification result;
            if (u is not null)
            {
                if (!Uri.TryCreate(u, UriKind.Absolute, out var prefix) || prefix.Scheme is not ("http" or "https")) return LedgerOutput.Fail("--url: an http(s) URL");
                var remote = LedgerRemote.From(pr.GetValue(key), pr.GetValue(policy));
                if (!remote.Ok) return LedgerOutput.Fail(remote.Error);
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                result = LedgerChecks.VerifyRemote(new HttpTileSource(http, prefix), remote.Value.Origin, remote.Value.Log, remote.Value.Policy);
            }
            else
            {
                var opened = LedgerFolder.Open(pr.GetValue(data) ?? LedgerCommand.DefaultFolder);
                if (!opened.Ok) return LedgerOutput.Fail(opened.Error);
                using var folder = opened.Value;
                result = LedgerChecks.VerifyFolder(folder);
            }

            Print(result, pr.GetValue(json));
            return result.Ok ? ExitCodes.Ok : ExitCodes.FindingsAtOrAbove;
        });
        return command;
    }

    private static void Print(LedgerVerification result, bool json)
    {
        if (json)
        {
            LedgerOutput.Json(w =>
            {
                w.WriteBoolean("ok", result.Ok);
                if (result.Published is { } p)
                {
                    w.WriteNumber("published_size", p.Checkpoint.Size);
                    w.WriteString("root", Convert.ToBase64String(p.Checkpoint.RootHash));
                    w.WriteStartArray("cosigners");
                    foreach (var c in p.Cosigners) w.WriteStringValue(c);
                    w.WriteEndArray();
                }

                w.WriteNumber("verified_size", result.LatestSize);
                w.WriteStartArray("problems");
                foreach (var problem in result.Problems)
                {
                    w.WriteStartObject();
                    w.WriteNumber("entry", problem.EntryIndex);
                    w.WriteString("message", problem.Message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return;
        }

        foreach (var problem in result.Problems) Console.Out.WriteLine($"entry {problem.EntryIndex}: {problem.Message}");
        if (result.Ok)
        {
            var p = result.Published!;
            Console.Out.WriteLine($"ok: {result.LatestSize} entries verified; published checkpoint of size {p.Checkpoint.Size}, root {Convert.ToBase64String(p.Checkpoint.RootHash)}"
                + (p.Cosigners.Count > 0 ? $", cosigned by {string.Join(", ", p.Cosigners)}" : string.Empty));
        }
        else
        {
            Console.Out.WriteLine($"FAILED: {result.Problems.Count} problem(s)");
        }
    }
}
