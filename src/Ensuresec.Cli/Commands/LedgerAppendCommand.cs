using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Cli.Commands;

/// <summary>
/// `ledger append FILE`: one entry per line (empty lines skipped), batched up to 1,024 entries or 50 ms. A batch is
/// acknowledged (with --json, one line per batch) only once it is on disk under a signed checkpoint.
/// </summary>
internal static class LedgerAppendCommand
{
    public const int MaxBatch = 1024;
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(50);

    public static Command Create()
    {
        var data = LedgerCommand.DataOption();
        var json = LedgerCommand.JsonOption();
        var file = new Argument<string>("FILE") { Description = "Entries, one per line (UTF-8); '-' reads standard input." };
        var command = new Command("append", "Append entries durably; each batch is acknowledged once written and signed.");
        command.Options.Add(data);
        command.Options.Add(json);
        command.Arguments.Add(file);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var opened = LedgerFolder.Open(pr.GetValue(data)!);
            if (!opened.Ok) return LedgerOutput.Fail(opened.Error);
            using var folder = opened.Value;
            var writer = folder.Writer();
            if (!writer.Ok) return LedgerOutput.Fail(writer.Error);
            string path = pr.GetValue(file)!;
            TextReader input;
            try
            {
                input = path == "-" ? Console.In : new StreamReader(path, new UTF8Encoding(false, true));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return LedgerOutput.Fail($"{path}: {ex.Message}");
            }

            using (input)
            {
                return await AppendAsync(input, path, writer.Value, pr.GetValue(json), ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> AppendAsync(TextReader input, string name, TileLogWriter writer, bool json, CancellationToken ct)
    {
        var lines = Channel.CreateBounded<(long Line, byte[]? Entry, string? Error)>(new BoundedChannelOptions(4 * MaxBatch) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadLines(input, name, lines.Writer, ct), ct);
        ulong first = writer.Size;
        long appended = 0;
        string? error = null;
        var batch = new List<byte[]>(MaxBatch);
        var reader = lines.Reader;
        while (error is null && await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
            window.CancelAfter(MaxWait);
            try
            {
                while (batch.Count < MaxBatch)
                {
                    if (!reader.TryRead(out var item))
                    {
                        if (!await reader.WaitToReadAsync(window.Token).ConfigureAwait(false)) break;
                        continue;
                    }

                    if (item.Error is not null)
                    {
                        error = item.Error;
                        break;
                    }

                    batch.Add(item.Entry!);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // 50 ms passed: acknowledge what we have.
            }

            if (batch.Count == 0) continue;
            ulong at = writer.Append(batch);
            appended += batch.Count;
            if (json) Console.Out.WriteLine($"{{\"first\":{at.ToString(CultureInfo.InvariantCulture)},\"count\":{batch.Count.ToString(CultureInfo.InvariantCulture)},\"size\":{writer.Size.ToString(CultureInfo.InvariantCulture)}}}");
            Console.Out.Flush();
            batch.Clear();
        }

        await reading.ConfigureAwait(false);
        if (!json)
        {
            Console.Out.WriteLine(appended == 0
                ? $"nothing appended; tree size {writer.Size}"
                : $"appended {appended} entries (indices {first}..{first + (ulong)appended - 1}); tree size {writer.Size}; run `ledger checkpoint` to publish");
        }

        return error is null ? ExitCodes.Ok : LedgerOutput.Fail(error + (appended > 0 ? $" (the {appended} entries before it are appended)" : string.Empty));
    }

    private static async Task ReadLines(TextReader input, string name, ChannelWriter<(long, byte[]?, string?)> output, CancellationToken ct)
    {
        long number = 0;
        try
        {
            string? line;
            while ((line = await input.ReadLineAsync(ct).ConfigureAwait(false)) is not null)
            {
                number++;
                if (line.Length == 0) continue;
                int bytes = Encoding.UTF8.GetByteCount(line);
                if (bytes > EntryBundle.MaxEntryBytes)
                {
                    await output.WriteAsync((number, null, $"{name}:{number}: an entry has at most {EntryBundle.MaxEntryBytes} bytes, this one {bytes}"), ct).ConfigureAwait(false);
                    return;
                }

                await output.WriteAsync((number, Encoding.UTF8.GetBytes(line), null), ct).ConfigureAwait(false);
            }
        }
        catch (DecoderFallbackException)
        {
            await output.WriteAsync((number + 1, null, $"{name}:{number + 1}: not valid UTF-8"), ct).ConfigureAwait(false);
        }
        finally
        {
            output.TryComplete();
        }
    }
}
