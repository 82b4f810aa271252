using System.Globalization;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Json;
using Ensuresec.Store.Keys;
using Ensuresec.Store.Queries;
using Ensuresec.Store.Schema;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Store;

/// <summary>
/// The embedded store: one SQLite file holding events (as received), findings, incidents and API keys.
/// Every method opens a pooled connection, so one instance is safe to share between threads.
/// </summary>
public sealed class EnsuresecStore : IDisposable
{
    private readonly SqliteDatabase _db;
    private readonly TimeProvider _time;

    private EnsuresecStore(SqliteDatabase db, TimeProvider time, int schemaVersion)
    {
        _db = db;
        _time = time;
        SchemaVersion = schemaVersion;
        Keys = new ApiKeyStore(db, time);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _db.Path;

    /// <summary>The schema version after migration (<c>PRAGMA user_version</c>).</summary>
    public int SchemaVersion { get; }

    /// <summary>The API keys kept in the same file.</summary>
    public ApiKeyStore Keys { get; }

    /// <summary>Opens (creating if needed) the database and applies any pending migrations.</summary>
    public static EnsuresecStore Open(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var db = new SqliteDatabase(options);
        try
        {
            int version = db.Migrate();
            return new EnsuresecStore(db, options.Time, version);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores a batch in one transaction. An id already stored (or earlier in the batch) is a duplicate and
    /// changes nothing, so a client may resend a batch whose answer it never got.
    /// </summary>
    public EventInsertResult AddEvents(IReadOnlyList<EventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return default;
        string receivedAt = StoreTime.Text(_time.GetUtcNow());
        return _db.Write((connection, tx) =>
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO events (id, ts, received_at, json) VALUES ($id, $ts, $received_at, $json) ON CONFLICT(id) DO NOTHING";
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            var ts = cmd.Parameters.Add("$ts", SqliteType.Text);
            cmd.Parameters.AddWithValue("$received_at", receivedAt);
            var json = cmd.Parameters.Add("$json", SqliteType.Text);
            cmd.Prepare();
            int inserted = 0;
            foreach (var e in events)
            {
                id.Value = e.Id;
                ts.Value = StoreTime.Text(e.Timestamp);
                json.Value = e.Json;
                inserted += cmd.ExecuteNonQuery();
            }

            return new EventInsertResult(inserted, events.Count - inserted);
        });
    }

    /// <summary>The oldest unprocessed events, in arrival order.</summary>
    public IReadOnlyList<StoredEvent> ReadBacklog(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        using var connection = _db.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq, id, ts, received_at, json, processed FROM events WHERE processed = 0 ORDER BY seq LIMIT $max";
        cmd.Parameters.AddWithValue("$max", max);
        return ReadEvents(cmd);
    }

    /// <summary>The last <paramref name="max"/> processed events, in arrival order: what detectors saw just before a restart.</summary>
    public IReadOnlyList<StoredEvent> ReadRecentProcessed(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        using var connection = _db.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq, id, ts, received_at, json, processed FROM events WHERE processed = 1 ORDER BY seq DESC LIMIT $max";
        cmd.Parameters.AddWithValue("$max", max);
        var newestFirst = ReadEvents(cmd);
        return [.. Enumerable.Reverse(newestFirst)];
    }

    /// <summary>Events by id (missing ids are left out), for audits and tests.</summary>
    public IReadOnlyList<StoredEvent> GetEvents(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new List<StoredEvent>(ids.Count);
        using var connection = _db.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq, id, ts, received_at, json, processed FROM events WHERE id = $id";
        var p = cmd.Parameters.Add("$id", SqliteType.Text);
        foreach (string id in ids)
        {
            p.Value = id;
            result.AddRange(ReadEvents(cmd));
        }

        return result;
    }

    /// <summary>How many events wait to be processed.</summary>
    public long CountBacklog() => Scalar("SELECT COUNT(*) FROM events WHERE processed = 0");

    /// <summary>How many events are stored in all.</summary>
    public long CountEvents() => Scalar("SELECT COUNT(*) FROM events");

    /// <summary>
    /// In ONE transaction: inserts the findings (an id already stored is kept as it was), upserts the incidents and
    /// marks the events processed. A crash before the commit leaves the events unprocessed and no findings; after it,
    /// everything; never half.
    /// </summary>
    public ProcessedCommit CommitProcessed(IReadOnlyList<long> eventSeqs, IReadOnlyList<Finding> findings, IReadOnlyList<Incident> incidents, IReadOnlyList<string>? retiredIncidentIds = null)
    {
        ArgumentNullException.ThrowIfNull(eventSeqs);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(incidents);
        return _db.Write((connection, tx) =>
        {
            int newFindings = ResultWrites.InsertFindings(connection, tx, findings);
            ResultWrites.UpsertIncidents(connection, tx, incidents);
            if (retiredIncidentIds is { Count: > 0 }) ResultWrites.DeleteIncidents(connection, tx, retiredIncidentIds);
            using var mark = connection.CreateCommand();
            mark.Transaction = tx;
            mark.CommandText = "UPDATE events SET processed = 1 WHERE seq = $seq AND processed = 0";
            var seq = mark.Parameters.Add("$seq", SqliteType.Integer);
            mark.Prepare();
            int marked = 0;
            foreach (long s in eventSeqs)
            {
                seq.Value = s;
                marked += mark.ExecuteNonQuery();
            }

            return new ProcessedCommit(marked, newFindings, incidents.Count);
        });
    }

    /// <summary>One page of findings matching the query.</summary>
    public ResultPage<Finding> QueryFindings(FindingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = _db.Open();
        return ResultQueries.Findings(connection, query);
    }

    /// <summary>One page of incidents matching the query.</summary>
    public ResultPage<Incident> QueryIncidents(IncidentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = _db.Open();
        return ResultQueries.Incidents(connection, query);
    }

    /// <summary>
    /// Deletes processed events received more than <paramref name="age"/> ago (by the store's clock, not by the
    /// events' own timestamps, which the sender controls). Unprocessed events are never deleted. Returns how many.
    /// </summary>
    public int DeleteProcessedEventsOlderThan(TimeSpan age)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
        string cutoff = StoreTime.Text(_time.GetUtcNow() - age);
        return _db.Write((connection, tx) =>
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "DELETE FROM events WHERE processed = 1 AND received_at < $cutoff";
            cmd.Parameters.AddWithValue("$cutoff", cutoff);
            return cmd.ExecuteNonQuery();
        });
    }

    /// <summary>True when the database answers a query (for health checks); never throws for a store fault.</summary>
    public bool IsReachable()
    {
        try
        {
            return Scalar("SELECT 1") == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public void Dispose() => _db.Dispose();

    private long Scalar(string sql)
    {
        using var connection = _db.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<StoredEvent> ReadEvents(SqliteCommand cmd)
    {
        var list = new List<StoredEvent>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                StoreTime.Parse(reader.GetString(2)),
                StoreTime.Parse(reader.GetString(3)),
                reader.GetString(4),
                reader.GetInt64(5) != 0));
        }

        return list;
    }
}
