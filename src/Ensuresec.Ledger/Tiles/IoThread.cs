using System.Runtime.ExceptionServices;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// A thread of its own that runs one blocking job at a time (a segment's write and fsync) while its owner goes on, and
/// is waited for without spinning. A thread-pool task would do the same, but pool threads spin for a while looking for
/// work after each job, which on a two-core machine takes CPU from the thread that hashes the next batches.
/// </summary>
internal sealed class IoThread : IDisposable
{
    private readonly object _lock = new();
    private readonly Thread _thread;
    private Action? _job;
    private Exception? _error;
    private bool _running;
    private bool _stopping;

    public IoThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Starts <paramref name="job"/>; the previous one must have been waited for.</summary>
    public void Start(Action job)
    {
        lock (_lock)
        {
            if (_running || _stopping) throw new InvalidOperationException("the I/O thread is busy or stopped");
            _job = job;
            _error = null;
            _running = true;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Waits for the job started last (if any) and rethrows what it threw.</summary>
    public void Wait()
    {
        lock (_lock)
        {
            while (_running) Monitor.Wait(_lock);
            if (_error is { } error)
            {
                _error = null;
                ExceptionDispatchInfo.Throw(error);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }

        _thread.Join();
    }

    private void Loop()
    {
        while (true)
        {
            Action job;
            lock (_lock)
            {
                while (_job is null && !_stopping) Monitor.Wait(_lock);
                if (_job is null) return;
                job = _job;
                _job = null;
            }

            Exception? error = null;
            try
            {
                job();
            }
            catch (Exception ex)
            {
                error = ex;
            }

            lock (_lock)
            {
                _error = error;
                _running = false;
                Monitor.PulseAll(_lock);
            }
        }
    }
}
