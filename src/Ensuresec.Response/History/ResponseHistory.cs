using System.Globalization;
using Ensuresec.Response.Execution;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Response.History;

/// <summary>
/// The response history: every run and each of its actions, per incident, in its own SQLite file
/// (response.db in the data folder), separate from the event store. Parameterised SQL only.
/// </summary>
public sealed class ResponseHistory : IDisposable
{
    public const string FileName = "response.db";

    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    private ResponseHistory(SqliteConnection db) => _db = db;

    public static ResponseHistory Open(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, FileName), Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS runs (
              run_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, mitigation_id TEXT NOT NULL, playbook TEXT NOT NULL,
              kind TEXT NOT NULL, started_by TEXT NOT NULL, started TEXT NOT NULL, finished TEXT NOT NULL,
              succeeded INTEGER NOT NULL, error TEXT, effect_gone INTEGER);
            CREATE INDEX IF NOT EXISTS runs_incident ON runs (incident_id, started);
            CREATE TABLE IF NOT EXISTS actions (
              run_id TEXT NOT NULL REFERENCES runs (run_id), seq INTEGER NOT NULL, step_id TEXT NOT NULL, step_name TEXT NOT NULL,
              kind TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (run_id, seq));
            """;
        cmd.ExecuteNonQuery();
        AddColumn(db, "effect_in_place", "INTEGER");
        AddColumn(db, "expected_effect", "TEXT");
        return new ResponseHistory(db);
    }

    // Columns added after the first release: a response.db written by it gains them on open; old runs read as null.
    private static void AddColumn(SqliteConnection db, string name, string type)
    {
        using var probe = db.CreateCommand();
        probe.CommandText = "SELECT COUNT(*) FROM pragma_table_info('runs') WHERE name = $name";
        probe.Parameters.AddWithValue("$name", name);
        if ((long)probe.ExecuteScalar()! > 0) return;
        using var alter = db.CreateCommand();
        alter.CommandText = $"ALTER TABLE runs ADD COLUMN {name} {type}";
        alter.ExecuteNonQuery();
    }

    public void Add(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using (var cmd = _db.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO runs (run_id, incident_id, mitigation_id, playbook, kind, started_by, started, finished, succeeded, error, effect_gone, effect_in_place, expected_effect)
                    VALUES ($run, $incident, $mitigation, $playbook, $kind, $by, $started, $finished, $ok, $error, $gone, $inplace, $expected)
                    """;
                cmd.Parameters.AddWithValue("$run", run.RunId);
                cmd.Parameters.AddWithValue("$incident", run.IncidentId);
                cmd.Parameters.AddWithValue("$mitigation", run.MitigationId);
                cmd.Parameters.AddWithValue("$playbook", run.Playbook);
                cmd.Parameters.AddWithValue("$kind", run.Kind.ToString().ToLowerInvariant());
                cmd.Parameters.AddWithValue("$by", run.StartedBy);
                cmd.Parameters.AddWithValue("$started", Time(run.Started));
                cmd.Parameters.AddWithValue("$finished", Time(run.Finished));
                cmd.Parameters.AddWithValue("$ok", run.Succeeded ? 1 : 0);
                cmd.Parameters.AddWithValue("$error", (object?)run.Error ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$gone", run.EffectGone is { } g ? g ? 1 : 0 : DBNull.Value);
                cmd.Parameters.AddWithValue("$inplace", run.EffectInPlace is { } p ? p ? 1 : 0 : DBNull.Value);
                cmd.Parameters.AddWithValue("$expected", (object?)run.ExpectedEffect ?? DBNull.Value);
                cmd.ExecuteNonQuery();
            }

            int seq = 0;
            foreach (var step in run.Steps)
            {
                using var cmd = _db.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO actions VALUES ($run, $seq, $step, $name, $kind, $status, $detail, $at)";
                cmd.Parameters.AddWithValue("$run", run.RunId);
                cmd.Parameters.AddWithValue("$seq", seq++);
                cmd.Parameters.AddWithValue("$step", step.StepId);
                cmd.Parameters.AddWithValue("$name", step.StepName);
                cmd.Parameters.AddWithValue("$kind", step.Kind);
                cmd.Parameters.AddWithValue("$status", step.Status.ToString().ToLowerInvariant());
                cmd.Parameters.AddWithValue("$detail", step.Detail);
                cmd.Parameters.AddWithValue("$at", Time(step.At));
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    /// <summary>An incident's runs, oldest first, each with its actions.</summary>
    public IReadOnlyList<RunRecord> ForIncident(string incidentId)
    {
        lock (_gate)
        {
            var runs = new List<RunRecord>();
            using (var cmd = _db.CreateCommand())
            {
                cmd.CommandText = "SELECT run_id, incident_id, mitigation_id, playbook, kind, started_by, started, finished, succeeded, error, effect_gone, effect_in_place, expected_effect FROM runs WHERE incident_id = $incident ORDER BY started, run_id";
                cmd.Parameters.AddWithValue("$incident", incidentId);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    runs.Add(new RunRecord
                    {
                        RunId = r.GetString(0),
                        IncidentId = r.GetString(1),
                        MitigationId = r.GetString(2),
                        Playbook = r.GetString(3),
                        Kind = Enum.Parse<RunKind>(r.GetString(4), ignoreCase: true),
                        StartedBy = r.GetString(5),
                        Started = DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture),
                        Finished = DateTimeOffset.Parse(r.GetString(7), CultureInfo.InvariantCulture),
                        Succeeded = r.GetInt64(8) == 1,
                        Error = r.IsDBNull(9) ? null : r.GetString(9),
                        EffectGone = r.IsDBNull(10) ? null : r.GetInt64(10) == 1,
                        EffectInPlace = r.IsDBNull(11) ? null : r.GetInt64(11) == 1,
                        ExpectedEffect = r.IsDBNull(12) ? null : r.GetString(12),
                        Steps = [],
                    });
                }
            }

            return runs.Select(run => run with { Steps = Actions(run.RunId) }).ToList();
        }
    }

    /// <summary>Whether a mitigation already ran successfully for the incident (the policy does not repeat it).</summary>
    public bool HasSucceeded(string incidentId, string mitigationId, RunKind kind)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM runs WHERE incident_id = $i AND mitigation_id = $m AND kind = $k AND succeeded = 1";
            cmd.Parameters.AddWithValue("$i", incidentId);
            cmd.Parameters.AddWithValue("$m", mitigationId);
            cmd.Parameters.AddWithValue("$k", kind.ToString().ToLowerInvariant());
            return (long)cmd.ExecuteScalar()! > 0;
        }
    }

    private List<StepResult> Actions(string runId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT step_id, step_name, kind, status, detail, at FROM actions WHERE run_id = $run ORDER BY seq";
        cmd.Parameters.AddWithValue("$run", runId);
        using var r = cmd.ExecuteReader();
        var list = new List<StepResult>();
        while (r.Read())
        {
            list.Add(new StepResult(r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<StepStatus>(r.GetString(3), ignoreCase: true), r.GetString(4),
                DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public void Dispose() => _db.Dispose();
}
