namespace Ensuresec.Store;

/// <summary>Where the store lives and how hard it syncs.</summary>
public sealed record StoreOptions
{
    /// <summary>The data folder; the database is <see cref="DatabaseFileName"/> inside it. Created if missing.</summary>
    public string DataDirectory { get; init; } = "./ensuresec-data";

    public string DatabaseFileName { get; init; } = "ensuresec.db";

    /// <summary>
    /// False (default): WAL with synchronous=NORMAL. A commit is in the WAL file, in the OS page cache, when it
    /// returns, so killing the process (SIGKILL, OOM, crash) loses nothing that was acknowledged; only a power
    /// loss or kernel crash can roll back the last commits, and never corrupts the database.
    /// True: synchronous=FULL, an fsync per commit, for those who need acknowledged events to survive power loss.
    /// </summary>
    public bool FullSync { get; init; }

    /// <summary>How long a writer waits for another process (e.g. `ensuresec keys create` next to a server).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Source of received_at and created_at times, and of "now" for retention.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFileName));

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory)) throw new ArgumentException("a data directory is required", nameof(DataDirectory));
        if (string.IsNullOrWhiteSpace(DatabaseFileName)) throw new ArgumentException("a database file name is required", nameof(DatabaseFileName));
        if (BusyTimeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "not negative");
        ArgumentNullException.ThrowIfNull(Time);
    }
}
