using System.Threading.Channels;

namespace Ensuresec.Server.Processing;

/// <summary>Wakes the processor when events were stored, so it need not poll fast.</summary>
internal sealed class ProcessorSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        // The timeout's own source owns its timer: a timer callback of ours could still run after the source was
        // disposed (Timer.Dispose does not wait for a callback in flight) and crash the process.
        using var expiry = new CancellationTokenSource(timeout, time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            await _channel.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false);
            _channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: go and look anyway (events may come from another process).
        }
    }
}
