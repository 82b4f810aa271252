namespace Ensuresec.Integrity.Inspect.Js;

internal enum JsTokenKind
{
    Identifier,
    String,
    Number,
    Punct,
    Regex,
    Template,
}

/// <summary>
/// One token of JavaScript. For strings, <see cref="Text"/> is the decoded value (escapes resolved), so "\x61"
/// and 'a' are the same token; <see cref="Decoded"/> says the value came out of an obfuscation step.
/// </summary>
internal readonly record struct JsToken(JsTokenKind Kind, string Text, int Line, bool Decoded = false)
{
    public bool Is(JsTokenKind kind, string text) => Kind == kind && string.Equals(Text, text, StringComparison.Ordinal);

    public bool IsPunct(string text) => Is(JsTokenKind.Punct, text);

    public bool IsIdent(string text) => Is(JsTokenKind.Identifier, text);

    public override string ToString() => Kind == JsTokenKind.String ? $"\"{Text}\"" : Text;
}
