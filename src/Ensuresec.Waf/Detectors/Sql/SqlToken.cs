namespace Ensuresec.Waf.Detectors.Sql;

internal enum SqlTokenKind
{
    Word,
    Number,
    String,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    Semicolon,
    Comment,
    Variable,
    Dot,
    Other,
}

/// <summary>A token of the input read as SQL: its kind and its place in the text; strings and comments know whether they were closed.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, bool Closed = true, bool Versioned = false)
{
    public ReadOnlySpan<char> Text(string source) => source.AsSpan(Start, Length);
}
