namespace Ensuresec.Ledger.Log;

/// <summary>
/// An exclusive lock on the ledger folder for the appending process; the operating system releases it when the
/// process dies (even by SIGKILL), so a crash never leaves the log locked.
/// </summary>
internal sealed class LogLock : IDisposable
{
    private readonly FileStream _stream;

    private LogLock(FileStream stream) => _stream = stream;

    public static Parsed<LogLock> Acquire(string folder)
    {
        string path = Path.Combine(folder, LedgerLayout.Lock);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return Parsed<LogLock>.Success(new LogLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)));
        }
        catch (IOException)
        {
            return Parsed<LogLock>.Fail($"another process is appending to {folder}");
        }
    }

    public void Dispose() => _stream.Dispose();
}
