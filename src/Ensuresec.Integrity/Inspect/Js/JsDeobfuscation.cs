namespace Ensuresec.Integrity.Inspect.Js;

/// <summary>What the deobfuscator made of a script: the folded tokens, the code it found hidden in strings, and
/// which obfuscation techniques it undid (with how often).</summary>
internal sealed class JsDeobfuscation
{
    public required List<JsToken> Tokens { get; init; }

    /// <summary>Code recovered from eval/Function/setTimeout strings, packer payloads and base64 blobs.</summary>
    public List<(string Code, int Line, string How)> Hidden { get; } = [];

    public Dictionary<string, int> Techniques { get; } = new(StringComparer.Ordinal);

    public void Count(string technique) => Techniques[technique] = Techniques.GetValueOrDefault(technique) + 1;
}
