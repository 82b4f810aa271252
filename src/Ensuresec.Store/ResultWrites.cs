using Ensuresec.Core.Findings;
using Ensuresec.Core.Json;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Store;

/// <summary>The write side for findings and incidents, always inside the caller's transaction.</summary>
internal static class ResultWrites
{
    public static int InsertFindings(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0) return 0;
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO findings (id, rule_id, detector, severity, technique, detected_at, first_seen, json)
            VALUES ($id, $rule_id, $detector, $severity, $technique, $detected_at, $first_seen, $json)
            ON CONFLICT(id) DO NOTHING
            """;
        var id = cmd.Parameters.Add("$id", SqliteType.Text);
        var rule = cmd.Parameters.Add("$rule_id", SqliteType.Text);
        var detector = cmd.Parameters.Add("$detector", SqliteType.Text);
        var severity = cmd.Parameters.Add("$severity", SqliteType.Integer);
        var technique = cmd.Parameters.Add("$technique", SqliteType.Text);
        var detectedAt = cmd.Parameters.Add("$detected_at", SqliteType.Text);
        var firstSeen = cmd.Parameters.Add("$first_seen", SqliteType.Text);
        var json = cmd.Parameters.Add("$json", SqliteType.Text);
        using var entities = EntityInsert(connection, tx, "finding_entities", "finding_id");
        int inserted = 0;
        foreach (var f in findings)
        {
            id.Value = f.Id;
            rule.Value = f.RuleId;
            detector.Value = f.Detector;
            severity.Value = (int)f.Severity;
            technique.Value = f.Technique;
            detectedAt.Value = StoreTime.Text(f.DetectedAt);
            firstSeen.Value = StoreTime.Text(f.FirstSeen);
            json.Value = FindingJson.ToJson(f);
            if (cmd.ExecuteNonQuery() == 0) continue;
            inserted++;
            WriteEntities(entities, f.Id, f.Entities);
        }

        return inserted;
    }

    /// <summary>Deletes incidents (and their entity rows) that were merged into another one.</summary>
    public static void DeleteIncidents(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<string> ids)
    {
        foreach (string sql in new[] { "DELETE FROM incident_entities WHERE incident_id = $id", "DELETE FROM incidents WHERE id = $id" })
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            foreach (string value in ids)
            {
                id.Value = value;
                cmd.ExecuteNonQuery();
            }
        }
    }

    public static void UpsertIncidents(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Incident> incidents)
    {
        if (incidents.Count == 0) return;
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO incidents (id, severity, first_seen, last_seen, json)
            VALUES ($id, $severity, $first_seen, $last_seen, $json)
            ON CONFLICT(id) DO UPDATE SET severity = excluded.severity, first_seen = excluded.first_seen,
                last_seen = excluded.last_seen, json = excluded.json
            """;
        var id = cmd.Parameters.Add("$id", SqliteType.Text);
        var severity = cmd.Parameters.Add("$severity", SqliteType.Integer);
        var firstSeen = cmd.Parameters.Add("$first_seen", SqliteType.Text);
        var lastSeen = cmd.Parameters.Add("$last_seen", SqliteType.Text);
        var json = cmd.Parameters.Add("$json", SqliteType.Text);
        using var clear = connection.CreateCommand();
        clear.Transaction = tx;
        clear.CommandText = "DELETE FROM incident_entities WHERE incident_id = $id";
        var clearId = clear.Parameters.Add("$id", SqliteType.Text);
        using var entities = EntityInsert(connection, tx, "incident_entities", "incident_id");
        foreach (var i in incidents)
        {
            id.Value = i.Id;
            severity.Value = (int)i.Severity;
            firstSeen.Value = StoreTime.Text(i.FirstSeen);
            lastSeen.Value = StoreTime.Text(i.LastSeen);
            json.Value = IncidentJson.ToJson(i);
            cmd.ExecuteNonQuery();
            clearId.Value = i.Id;
            clear.ExecuteNonQuery();
            WriteEntities(entities, i.Id, i.Entities);
        }
    }

    private static SqliteCommand EntityInsert(SqliteConnection connection, SqliteTransaction tx, string table, string ownerKey)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT OR IGNORE INTO {table} ({ownerKey}, kind, value) VALUES ($owner, $kind, $value)";
        cmd.Parameters.Add("$owner", SqliteType.Text);
        cmd.Parameters.Add("$kind", SqliteType.Text);
        cmd.Parameters.Add("$value", SqliteType.Text);
        return cmd;
    }

    private static void WriteEntities(SqliteCommand cmd, string owner, IReadOnlyList<Entity> entities)
    {
        cmd.Parameters["$owner"].Value = owner;
        foreach (var e in entities)
        {
            cmd.Parameters["$kind"].Value = e.Kind;
            cmd.Parameters["$value"].Value = e.Value;
            cmd.ExecuteNonQuery();
        }
    }
}
