using System.Globalization;
using System.Text;
using Ensuresec.Integrity.Inspect.Js;

namespace Ensuresec.Integrity.Tests.Inspect;

/// <summary>
/// Semantics-preserving rewrites of JavaScript for the metamorphic tests: rename the author's variables, re-encode
/// string literals (hex escapes, split concatenation, atob, fromCharCode, reversal), turn member access into
/// computed access, move function declarations (hoisted) and insert dead code, and wrap the whole in eval(atob())
/// or new Function(). A skimmer must stay detected under all of them.
/// </summary>
internal sealed class JsMutator(int seed)
{
    private readonly Random _random = new(seed);

    public string Mutate(string source)
    {
        var tokens = JsLexer.Tokenize(source);
        tokens = Rename(tokens);
        var text = Print(tokens, BracketChance: 0.5, EncodeChance: 0.7);
        text = ReorderFunctions(text);
        return _random.Next(4) switch
        {
            0 => $"eval(atob(\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}\"));",
            1 => $"new Function(atob(\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}\"))();",
            _ => text,
        };
    }

    private List<JsToken> Rename(List<JsToken> tokens)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == JsTokenKind.Identifier && tokens[i - 1].Kind == JsTokenKind.Identifier && tokens[i - 1].Text is "var" or "let" or "const" or "function")
            {
                declared.Add(tokens[i].Text);
            }
        }

        var names = declared.ToDictionary(n => n, _ => "_0x" + _random.Next(0x1000, 0xFFFFF).ToString("x", CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var result = new List<JsToken>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            bool member = i > 0 && tokens[i - 1].IsPunct(".");
            bool key = i + 1 < tokens.Count && tokens[i + 1].IsPunct(":") && i > 0 && tokens[i - 1].Kind == JsTokenKind.Punct && tokens[i - 1].Text is "{" or ",";
            result.Add(t.Kind == JsTokenKind.Identifier && !member && !key && names.TryGetValue(t.Text, out string? n) ? t with { Text = n } : t);
        }

        return result;
    }

    private string Print(List<JsToken> tokens, double BracketChance, double EncodeChance)
    {
        var sb = new StringBuilder();
        int line = tokens.Count > 0 ? tokens[0].Line : 1;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Line != line) { sb.Append('\n'); line = t.Line; }
            else if (sb.Length > 0) sb.Append(' ');
            bool key = i + 1 < tokens.Count && tokens[i + 1].IsPunct(":") && i > 0 && tokens[i - 1].Kind == JsTokenKind.Punct && tokens[i - 1].Text is "{" or ",";
            switch (t.Kind)
            {
                case JsTokenKind.Identifier when i > 0 && tokens[i - 1].IsPunct(".") && _random.NextDouble() < BracketChance:
                    // obj.name -> obj["name"]: the "." already printed is replaced
                    sb.Length -= 2;
                    while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
                    sb.Append('[').Append(Encode(t.Text, EncodeChance)).Append(']');
                    break;
                case JsTokenKind.String when !key:
                    sb.Append(Encode(t.Text, EncodeChance));
                    break;
                case JsTokenKind.String:
                    sb.Append(Quote(t.Text));
                    break;
                case JsTokenKind.Template:
                    sb.Append('`').Append(t.Text).Append('`');
                    break;
                default:
                    sb.Append(t.Text);
                    break;
            }
        }

        return sb.ToString();
    }

    private string Encode(string s, double chance)
    {
        if (_random.NextDouble() >= chance || s.Length == 0) return Quote(s);
        bool ascii = s.All(c => c < 128);
        switch (_random.Next(5))
        {
            case 0:
                return "\"" + string.Concat(s.Select(c => c < 128 ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}")) + "\"";
            case 1 when s.Length > 1:
                int cut = _random.Next(1, s.Length);
                return "(" + Encode(s[..cut], chance / 2) + " + " + Encode(s[cut..], chance / 2) + ")";
            case 2 when ascii:
                return $"atob(\"{Convert.ToBase64String(Encoding.ASCII.GetBytes(s))}\")";
            case 3:
                return "String.fromCharCode(" + string.Join(", ", s.Select(c => _random.Next(2) == 0 ? ((int)c).ToString(CultureInfo.InvariantCulture) : $"0x{(int)c:x}")) + ")";
            case 4:
                char[] r = s.ToCharArray();
                Array.Reverse(r);
                return Quote(new string(r)) + ".split(\"\").reverse().join(\"\")";
            default:
                return Quote(s);
        }
    }

    private string ReorderFunctions(string text)
    {
        // Top-level statements, split at ';' or a closing '}' at depth 0 followed by a line break.
        var statements = new List<string>();
        int depth = 0, start = 0;
        bool inString = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString) { if (c == '\\') i++; else if (c == quote) inString = false; continue; }
            if (c is '"' or '\'' or '`') { inString = true; quote = c; continue; }
            if (c is '{' or '(' or '[') depth++;
            if (c is '}' or ')' or ']') depth--;
            if (depth == 0 && (c == ';' || (c == '}' && (i + 1 >= text.Length || text[i + 1] == '\n'))))
            {
                statements.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length) statements.Add(text[start..]);
        var functions = statements.Where(s => s.TrimStart().StartsWith("function ", StringComparison.Ordinal)).ToList();
        var others = statements.Except(functions).ToList();
        foreach (var f in functions) others.Insert(_random.Next(others.Count + 1), f);
        int junk = _random.Next(3);
        for (int j = 0; j < junk; j++) others.Insert(_random.Next(others.Count + 1), $"\nvar _d{_random.Next(100000)} = {_random.Next(1000)};");
        return string.Join(string.Empty, others);
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when c < 32 || c > 126 => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
