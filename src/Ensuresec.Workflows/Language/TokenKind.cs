namespace Ensuresec.Workflows.Language;

internal enum TokenKind
{
    End,
    Identifier,
    Integer,
    String,
    Symbol,
}
