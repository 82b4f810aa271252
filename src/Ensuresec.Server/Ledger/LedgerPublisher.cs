using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Witness;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Server.Ledger;

/// <summary>
/// When the ledger's policy names witnesses, sends the latest checkpoint to them every interval (if it grew) and
/// publishes it once the quorum has cosigned. Witness failures are logged and retried; they never stop the server.
/// </summary>
internal sealed class LedgerPublisher(EvidenceLedger ledger, ServerOptions options, ILogger<LedgerPublisher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ledger.Folder.Policy.Witnesses.Count == 0) return;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var publisher = new CheckpointPublisher(ledger.Folder, new WitnessClient(http));
        ulong published = ledger.Folder.Published() is { Ok: true } p ? p.Value.Checkpoint.Size : ulong.MaxValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (ledger.Size != published)
                {
                    var result = await publisher.PublishAsync(stoppingToken).ConfigureAwait(false);
                    foreach (var (witness, error) in result.Failures) log.LogWarning("ledger: witness {Witness}: {Error}", witness, error);
                    if (result.Published) published = result.Size;
                }

                await Task.Delay(options.Ledger.PublishInterval, options.Time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or Ensuresec.Ledger.Tiles.LedgerDataException)
            {
                log.LogError(ex, "ledger: publishing a checkpoint failed; retrying");
                await Task.Delay(options.Ledger.PublishInterval, options.Time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
