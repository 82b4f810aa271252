using System.CommandLine;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Witness;

namespace Ensuresec.Cli.Commands;

/// <summary>`ledger checkpoint`: publishes the latest checkpoint, cosigned by the policy's witnesses when it names any.</summary>
internal static class LedgerCheckpointCommand
{
    public static Command Create()
    {
        var data = LedgerCommand.DataOption();
        var json = LedgerCommand.JsonOption();
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each witness.", DefaultValueFactory = _ => 10 };
        var command = new Command("checkpoint", "Publish the latest checkpoint; with witnesses in the policy, only once their quorum has cosigned (exit 1 otherwise).");
        command.Options.Add(data);
        command.Options.Add(timeout);
        command.Options.Add(json);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            if (pr.GetValue(timeout) is < 1 or > 600) return LedgerOutput.Fail("--timeout: 1 to 600 seconds");
            var opened = LedgerFolder.Open(pr.GetValue(data)!);
            if (!opened.Ok) return LedgerOutput.Fail(opened.Error);
            using var folder = opened.Value;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(pr.GetValue(timeout)) };
            var result = await new CheckpointPublisher(folder, new WitnessClient(http)).PublishAsync(ct).ConfigureAwait(false);
            if (pr.GetValue(json))
            {
                LedgerOutput.Json(w =>
                {
                    w.WriteBoolean("published", result.Published);
                    w.WriteNumber("size", result.Size);
                    w.WriteStartArray("cosigners");
                    foreach (var c in result.Cosigners) w.WriteStringValue(c);
                    w.WriteEndArray();
                    w.WriteStartArray("failures");
                    foreach (var (witness, error) in result.Failures)
                    {
                        w.WriteStartObject();
                        w.WriteString("witness", witness);
                        w.WriteString("error", error);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                foreach (var (witness, error) in result.Failures) Console.Error.WriteLine($"witness {witness}: {error}");
                Console.Out.WriteLine(result.Published
                    ? $"published checkpoint of size {result.Size}" + (result.Cosigners.Count > 0 ? $", cosigned by {string.Join(", ", result.Cosigners)}" : string.Empty)
                    : $"not published: the policy (quorum {folder.Policy.Quorum}) is not met; cosigned by {(result.Cosigners.Count == 0 ? "none" : string.Join(", ", result.Cosigners))}");
            }

            return result.Published ? ExitCodes.Ok : ExitCodes.FindingsAtOrAbove;
        });
        return command;
    }
}
