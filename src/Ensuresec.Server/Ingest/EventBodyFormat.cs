namespace Ensuresec.Server.Ingest;

/// <summary>The two body formats of POST /api/v1/events, chosen by Content-Type.</summary>
public enum EventBodyFormat
{
    /// <summary>application/json: an array of event objects (a single object is a batch of one).</summary>
    JsonArray,

    /// <summary>application/x-ndjson: one event object per line; blank lines are skipped.</summary>
    Ndjson,
}
