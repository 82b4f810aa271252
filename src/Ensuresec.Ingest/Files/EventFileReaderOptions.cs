namespace Ensuresec.Ingest;

/// <summary>How <see cref="EventFileReader"/> reads a file.</summary>
public sealed record EventFileReaderOptions
{
    /// <summary>The format, or <see cref="EventFileFormat.Auto"/> to detect it.</summary>
    public EventFileFormat Format { get; init; } = EventFileFormat.Auto;

    /// <summary>The access-log layout; <see cref="Ingest.AccessLogFormat.Combined"/> if null.</summary>
    public AccessLogFormat? AccessLogFormat { get; init; }

    /// <summary>event.dataset of access-log events (nginx.access, apache.access).</summary>
    public string AccessLogDataset { get; init; } = "nginx.access";

    /// <summary>Longest access-log line, in bytes.</summary>
    public int MaxAccessLogLineBytes { get; init; } = AccessLogParser.DefaultMaxLineLength;

    /// <summary>Longest JSON line, in bytes.</summary>
    public int MaxJsonLineBytes { get; init; } = JsonEventParser.DefaultMaxBytes;

    /// <summary>Deepest nesting in a JSON line.</summary>
    public int MaxJsonDepth { get; init; } = JsonEventParser.DefaultMaxDepth;

    /// <summary>Read buffer size in bytes; raised to hold at least two of the longest lines.</summary>
    public int BufferSize { get; init; } = 256 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAccessLogLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxJsonLineBytes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxJsonDepth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferSize, 1024);
        ArgumentException.ThrowIfNullOrEmpty(AccessLogDataset);
    }
}
