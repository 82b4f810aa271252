namespace Ensuresec.Ingest;

/// <summary>What a file holds.</summary>
public enum EventFileFormat
{
    /// <summary>Decide from the first non-blank line: '{' means JSON lines, anything else an access log.</summary>
    Auto,

    /// <summary>One JSON object per line (NDJSON), ECS field names.</summary>
    JsonLines,

    /// <summary>A web server access log, in <see cref="EventFileReaderOptions.AccessLogFormat"/>.</summary>
    AccessLog,
}
