namespace Ensuresec.Ingest;

/// <summary>
/// One piece of a compiled log format: a literal to match, or a variable that runs up to the next literal.
/// A quoted variable sits between a literal ending in '"' and one starting with '"', and may contain escaped quotes.
/// </summary>
internal readonly record struct AccessLogSegment(string? Literal, string? Name, AccessLogVariable Variable, bool Quoted)
{
    public bool IsLiteral => Literal is not null;

    public static AccessLogSegment Text(string literal) => new(literal, null, AccessLogVariable.Other, false);
}
