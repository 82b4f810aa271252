using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Cli.Commands;

/// <summary>
/// `ledger append FILE`: one entry per line (empty lines skipped), batched up to 1,024 entries or 50 ms. A batch is
/// acknowledged (with --json, one line per batch) only once it is on disk under a signed checkpoint. Up to
/// <see cref="InFlight"/> batches are in flight, so the next ones are hashed while one waits for its fsync; they
/// are appended, and acknowledged, in the file's order.
/// </summary>
internal static class LedgerAppendCommand
{
    public const int MaxBatch = 1024;

    /// <summary>Batches queued to the writer before the oldest is waited for.</summary>
    public const int InFlight = 4;
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
        // Stopped when an append fails, so the reader does not wait forever on a full channel.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Factory.StartNew(() => ReadLines(input, name, lines.Writer, stopReading.Token), stopReading.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        ulong first = writer.Size;
        long appended = 0;
        string? error = null;
        var batch = new List<byte[]>(MaxBatch);
        var inFlight = new Queue<(Task<ulong> Task, int Count)>();
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
            inFlight.Enqueue((writer.AppendAsync(batch), batch.Count));
            batch = new List<byte[]>(MaxBatch);
            while (error is null && inFlight.Count > 0 && (inFlight.Count >= InFlight || inFlight.Peek().Task.IsCompleted))
            {
                error = await Acknowledge(inFlight.Dequeue()).ConfigureAwait(false);
            }
        }

        while (inFlight.Count > 0)
        {
            // After an error the batches queued behind it fail too; the first error is the one reported.
            string? late = await Acknowledge(inFlight.Dequeue()).ConfigureAwait(false);
            error ??= late;
        }

        async Task<string?> Acknowledge((Task<ulong> Task, int Count) sent)
        {
            ulong at;
            try
            {
                at = await sent.Task.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LedgerDataException)
            {
                return $"{name}: appending failed: {ex.Message}";
            }

            appended += sent.Count;
            ulong size = at + (ulong)sent.Count;
            if (json) Console.Out.WriteLine($"{{\"first\":{at.ToString(CultureInfo.InvariantCulture)},\"count\":{sent.Count.ToString(CultureInfo.InvariantCulture)},\"size\":{size.ToString(CultureInfo.InvariantCulture)}}}");
            Console.Out.Flush();
            return null;
        }

        if (error is not null) await stopReading.CancelAsync().ConfigureAwait(false);
        try
        {
            await reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopReading.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Stopped after the error above.
        }

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
            // Read on a thread of its own, line by line without an await each (a file of a million lines spent more
            // time in the asynchronous reads than the ledger did appending); the channel is awaited only when full.
            string? line;
            while ((line = input.ReadLine()) is not null)
            {
                ct.ThrowIfCancellationRequested();
                number++;
                if (line.Length == 0) continue;
                int bytes = Encoding.UTF8.GetByteCount(line);
                if (bytes > EntryBundle.MaxEntryBytes)
                {
                    await output.WriteAsync((number, null, $"{name}:{number}: an entry has at most {EntryBundle.MaxEntryBytes} bytes, this one {bytes}"), ct).ConfigureAwait(false);
                    return;
                }

                var item = (number, Encoding.UTF8.GetBytes(line), (string?)null);
                if (!output.TryWrite(item)) await output.WriteAsync(item, ct).ConfigureAwait(false);
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
