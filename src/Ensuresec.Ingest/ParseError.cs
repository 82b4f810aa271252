namespace Ensuresec.Ingest;

/// <summary>
/// Why one line or item of outside input was not turned into an event, and where.
/// </summary>
/// <param name="Source">The file path, or the name of the batch (e.g. "request").</param>
/// <param name="Line">1-based line number (NDJSON, files) or 1-based item number (JSON arrays); 0 if not known.</param>
/// <param name="Field">The field or log_format variable at fault, or "line" when the whole line is.</param>
/// <param name="Reason">What is wrong, for a person to read.</param>
public sealed record ParseError(string Source, long Line, string Field, string Reason)
{
    /// <summary>1-based character (access logs) or byte (JSON) column where the problem was found, if known.</summary>
    public int? Column { get; init; }

    /// <summary>"file:line: field: reason".</summary>
    public override string ToString() => $"{Source}:{Line}: {Field}: {Reason}";
}
