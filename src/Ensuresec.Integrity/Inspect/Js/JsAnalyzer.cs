using System.Text;

namespace Ensuresec.Integrity.Inspect.Js;

/// <summary>Deobfuscates one piece of JavaScript and records its facts, its techniques and the code hidden in it.</summary>
internal static class JsAnalyzer
{
    public static void Analyze(string source, FactContext context)
    {
        var result = JsDeobfuscator.Run(source);
        context.BeginPiece();
        foreach (var (name, count) in result.Techniques) context.Technique(name, count);
        JsFactFinder.Find(result.Tokens, context);
        context.CurrentToken = -1;
        foreach (var (code, line, how) in result.Hidden)
        {
            context.Hidden(code, line, how);
            if (how == "packer" || how.Contains("decoded", StringComparison.Ordinal))
            {
                context.Add(FactIds.DecodedCodeExecuted, line, how);
            }
        }

        context.Normalised.Add(("js", Normalise(result.Tokens), context.LineOffset + 1));
    }

    /// <summary>The tokens as text, strings in double quotes: what the user's regex facts match against.</summary>
    internal static string Normalise(List<JsToken> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            if (sb.Length > 0) sb.Append(' ');
            if (t.Kind == JsTokenKind.String) sb.Append('"').Append(t.Text).Append('"');
            else sb.Append(t.Text);
            if (sb.Length > 16_000_000) break;
        }

        return sb.ToString();
    }
}
