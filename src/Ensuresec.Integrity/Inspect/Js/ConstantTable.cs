namespace Ensuresec.Integrity.Inspect.Js;

/// <summary>
/// Names bound exactly once in a script to a string literal (<c>var k = "querySelector"</c>) or to an array of
/// string literals (<c>var _0x1a = ["value", "src"]</c>). Scopes are ignored, so a name bound twice anywhere is
/// left alone: a conservative choice that keeps minified libraries, where short names repeat, unchanged.
/// </summary>
internal sealed class ConstantTable
{
    public Dictionary<string, string> Strings { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> Arrays { get; } = new(StringComparer.Ordinal);

    public static ConstantTable Collect(List<JsToken> tokens)
    {
        var table = new ConstantTable();
        var assignments = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + 2 < tokens.Count; i++)
        {
            var name = tokens[i];
            if (name.Kind != JsTokenKind.Identifier) continue;
            if (i > 0 && tokens[i - 1].IsPunct(".")) continue;
            var op = tokens[i + 1];
            bool assign = op.Kind == JsTokenKind.Punct && op.Text is "=" or "+=" or "-=" or "++" or "--" or "||=" or "&&=" or "??=";
            bool declared = i > 0 && tokens[i - 1].Kind == JsTokenKind.Identifier && tokens[i - 1].Text is "function" or "class" or "var" or "let" or "const";
            bool parameter = i > 0 && tokens[i - 1].Kind == JsTokenKind.Punct && tokens[i - 1].Text is "(" or "," && op.Kind == JsTokenKind.Punct && op.Text is ")" or ",";
            if (!assign && !declared && !parameter) continue;
            assignments[name.Text] = assignments.GetValueOrDefault(name.Text) + 1;
            if (!op.IsPunct("=")) continue;
            var value = tokens[i + 2];
            bool ends = i + 3 >= tokens.Count || tokens[i + 3].Kind == JsTokenKind.Punct && tokens[i + 3].Text is ";" or "," or ")" or "}";
            if (value.Kind == JsTokenKind.String && ends) table.Strings[name.Text] = value.Text;
            else if (value.IsPunct("[") && ReadStringArray(tokens, i + 3) is { } array) table.Arrays[name.Text] = array;
        }

        foreach (var (name, count) in assignments)
        {
            if (count <= 1) continue;
            table.Strings.Remove(name);
            table.Arrays.Remove(name);
        }

        // Bindings that are only declared (function names, parameters) never made it into the tables.
        return table;
    }

    private static string[]? ReadStringArray(List<JsToken> tokens, int start)
    {
        var items = new List<string>();
        int i = start;
        while (i < tokens.Count && tokens[i].Kind == JsTokenKind.String)
        {
            items.Add(tokens[i].Text);
            i++;
            if (i < tokens.Count && tokens[i].IsPunct(",")) i++;
            else break;
        }

        return i < tokens.Count && tokens[i].IsPunct("]") && items.Count > 0 ? [.. items] : null;
    }
}
