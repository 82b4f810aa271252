using System.Globalization;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Json;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Store.Queries;

/// <summary>The read side for findings and incidents.</summary>
internal static class ResultQueries
{
    public static ResultPage<Finding> Findings(SqliteConnection connection, FindingQuery q)
    {
        var filter = new SqlFilter();
        if (q.MinSeverity is { } min) filter.Add("f.severity >= $min_severity", ("$min_severity", (int)min));
        if (q.RuleId is not null) filter.Add("f.rule_id = $rule_id", ("$rule_id", q.RuleId));
        if (q.Detector is not null) filter.Add("f.detector = $detector", ("$detector", q.Detector));
        if (q.Entity is not null) filter.AddEntity(q.Entity, "finding_entities", "finding_id", "f.id");
        if (q.Since is { } since) filter.Add("f.detected_at >= $since", ("$since", StoreTime.Text(since)));
        if (q.Until is { } until) filter.Add("f.detected_at < $until", ("$until", StoreTime.Text(until)));
        int limit = Paging.ClampLimit(q.Limit);
        long offset = Paging.ClampOffset(q.Offset);
        long total = Count(connection, "SELECT COUNT(*) FROM findings f" + filter.Where, filter);
        var items = Read(
            connection,
            "SELECT f.json FROM findings f" + filter.Where + " ORDER BY f.detected_at, f.id LIMIT $limit OFFSET $offset",
            filter,
            limit,
            offset,
            json => FindingJson.Parse(json));
        return new ResultPage<Finding>(items, total, limit, offset);
    }

    public static ResultPage<Incident> Incidents(SqliteConnection connection, IncidentQuery q)
    {
        var filter = new SqlFilter();
        if (q.MinSeverity is { } min) filter.Add("i.severity >= $min_severity", ("$min_severity", (int)min));
        if (q.Entity is not null) filter.AddEntity(q.Entity, "incident_entities", "incident_id", "i.id");
        if (q.Since is { } since) filter.Add("i.last_seen >= $since", ("$since", StoreTime.Text(since)));
        if (q.Until is { } until) filter.Add("i.first_seen < $until", ("$until", StoreTime.Text(until)));
        int limit = Paging.ClampLimit(q.Limit);
        long offset = Paging.ClampOffset(q.Offset);
        long total = Count(connection, "SELECT COUNT(*) FROM incidents i" + filter.Where, filter);
        var items = Read(
            connection,
            "SELECT i.json FROM incidents i" + filter.Where + " ORDER BY i.first_seen, i.id LIMIT $limit OFFSET $offset",
            filter,
            limit,
            offset,
            json => IncidentJson.Parse(json));
        return new ResultPage<Incident>(items, total, limit, offset);
    }

    private static long Count(SqliteConnection connection, string sql, SqlFilter filter)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        filter.Bind(cmd);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<T> Read<T>(SqliteConnection connection, string sql, SqlFilter filter, int limit, long offset, Func<string, JsonReadResult<T>> parse)
        where T : class
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        filter.Bind(cmd);
        cmd.Parameters.AddWithValue("$limit", limit);
        cmd.Parameters.AddWithValue("$offset", offset);
        var items = new List<T>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var result = parse(reader.GetString(0));

            // The store wrote this JSON itself; failing to read it back means the file was damaged or edited.
            items.Add(result.Value ?? throw new InvalidDataException($"a stored row does not parse: {result.Error}"));
        }

        return items;
    }
}
