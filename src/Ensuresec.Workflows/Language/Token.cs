namespace Ensuresec.Workflows.Language;

/// <summary>One token; <see cref="Text"/> is the identifier, the symbol, the digits or the unquoted string.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePos Pos)
{
    public bool Is(string symbolOrWord) => (Kind is TokenKind.Symbol or TokenKind.Identifier) && Text == symbolOrWord;

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.String => "a string",
        TokenKind.Integer => $"number {Text}",
        _ => $"'{Text}'",
    };
}
