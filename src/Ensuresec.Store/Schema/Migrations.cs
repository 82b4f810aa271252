namespace Ensuresec.Store.Schema;

/// <summary>
/// The schema, as the ordered list of steps that build it. Version n is reached by applying steps 1..n; the
/// database's PRAGMA user_version says how far it got. Never edit a released step: add a new one.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        // v1: events, findings, incidents, API keys.
        """
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            ts TEXT NOT NULL,
            received_at TEXT NOT NULL,
            json TEXT NOT NULL,
            processed INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_events_backlog ON events(seq) WHERE processed = 0;
        CREATE INDEX ix_events_retention ON events(received_at) WHERE processed = 1;

        CREATE TABLE findings (
            id TEXT PRIMARY KEY,
            rule_id TEXT NOT NULL,
            detector TEXT NOT NULL,
            severity INTEGER NOT NULL,
            technique TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE INDEX ix_findings_detected ON findings(detected_at, id);
        CREATE INDEX ix_findings_rule ON findings(rule_id, detected_at);
        CREATE INDEX ix_findings_detector ON findings(detector, detected_at);
        CREATE INDEX ix_findings_severity ON findings(severity, detected_at);

        CREATE TABLE incidents (
            id TEXT PRIMARY KEY,
            severity INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE INDEX ix_incidents_first_seen ON incidents(first_seen, id);
        CREATE INDEX ix_incidents_last_seen ON incidents(last_seen);
        CREATE INDEX ix_incidents_severity ON incidents(severity, last_seen);

        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            hash BLOB NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        """,

        // v2: entities in their own tables, so that "everything about 203.0.113.9" is an index lookup.
        // Rows written by v1 are back-filled from their JSON.
        """
        CREATE TABLE finding_entities (
            finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (finding_id, kind, value)
        ) WITHOUT ROWID;
        CREATE INDEX ix_finding_entities_value ON finding_entities(value, kind);

        CREATE TABLE incident_entities (
            incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (incident_id, kind, value)
        ) WITHOUT ROWID;
        CREATE INDEX ix_incident_entities_value ON incident_entities(value, kind);

        INSERT OR IGNORE INTO finding_entities (finding_id, kind, value)
            SELECT f.id, json_extract(e.value, '$.kind'), json_extract(e.value, '$.value')
            FROM findings f, json_each(f.json, '$.entities') e
            WHERE json_extract(e.value, '$.kind') IS NOT NULL AND json_extract(e.value, '$.value') IS NOT NULL;
        INSERT OR IGNORE INTO incident_entities (incident_id, kind, value)
            SELECT i.id, json_extract(e.value, '$.kind'), json_extract(e.value, '$.value')
            FROM incidents i, json_each(i.json, '$.entities') e
            WHERE json_extract(e.value, '$.kind') IS NOT NULL AND json_extract(e.value, '$.value') IS NOT NULL;
        """,
    ];

    public static int Latest => Steps.Count;
}
