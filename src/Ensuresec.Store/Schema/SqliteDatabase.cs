using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Store.Schema;

/// <summary>
/// Opens connections to the database file with the same settings every time, brings the schema up to date,
/// and serialises this process's writers (SQLite has one writer at a time; waiting on a lock here is cheaper
/// and fairer than SQLite's sleeping busy handler, which remains for writers in other processes).
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteDatabase(StoreOptions options)
    {
        Path = options.DatabasePath;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        long busyMs = (long)options.BusyTimeout.TotalMilliseconds;
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMs}; PRAGMA synchronous = {(options.FullSync ? "FULL" : "NORMAL")};");
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, _pragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction, holding the write lock; commits if it returns.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        _writeLock.Wait();
        try
        {
            using var connection = Open();
            using var tx = connection.BeginTransaction(deferred: false);
            T result = work(connection, tx);
            tx.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Switches to WAL and applies the missing migration steps, each in its own transaction. Returns the version.</summary>
    public int Migrate()
    {
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        int version = UserVersion(connection, null);
        if (version > Migrations.Latest)
        {
            throw new InvalidOperationException($"the database {Path} has schema version {version}, newer than this build knows ({Migrations.Latest}); use a newer ensuresec");
        }

        while (version < Migrations.Latest)
        {
            using var tx = connection.BeginTransaction(deferred: false);

            // Another process may have migrated between our read and our lock.
            version = UserVersion(connection, tx);
            if (version >= Migrations.Latest) break;
            Execute(connection, Migrations.Steps[version], tx);
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version + 1};"), tx);
            tx.Commit();
            version++;
        }

        return version;
    }

    public static int UserVersion(SqliteConnection connection, SqliteTransaction? tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the folder can be moved or deleted.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
    }
}
