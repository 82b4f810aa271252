using System.Globalization;
using System.Text;

namespace Ensuresec.Integrity.Inspect.Js;

/// <summary>
/// Folds the usual obfuscation back into plain tokens, statically: string concatenation, String.fromCharCode over
/// number literals, atob/unescape/decodeURIComponent of literals, split/reverse/join, obj["name"] to obj.name,
/// constants and constant string arrays assigned once, and packer payloads. Strings handed to eval, Function,
/// setTimeout/setInterval or document.write are returned as hidden code for the analyser to read in turn.
/// Nothing is executed; every step works on literals only, so the worst case is a step not taken.
/// </summary>
internal static class JsDeobfuscator
{
    private const int MaxPasses = 8;

    /// <summary>Folded strings longer than this are not grown further (bounds memory on hostile input).</summary>
    private const int MaxStringLength = 2_000_000;

    public static JsDeobfuscation Run(string source)
    {
        var tokens = JsLexer.Tokenize(source);
        var result = new JsDeobfuscation { Tokens = tokens };
        CountEscapes(source, result);
        var current = tokens;
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            var constants = ConstantTable.Collect(current);
            bool changed = false;
            current = Fold(current, constants, result, ref changed);
            if (!changed) break;
        }

        FindHidden(current, result);
        return new JsDeobfuscation { Tokens = current }.With(result);
    }

    private static JsDeobfuscation With(this JsDeobfuscation target, JsDeobfuscation from)
    {
        target.Hidden.AddRange(from.Hidden);
        foreach (var (k, v) in from.Techniques) target.Techniques[k] = v;
        return target;
    }

    private static void CountEscapes(string source, JsDeobfuscation result)
    {
        // Hex and unicode escapes are decoded by the lexer; many of them in one file is a sign of hiding.
        int escapes = 0;
        for (int i = 0; i + 1 < source.Length; i++)
        {
            if (source[i] == '\\' && (source[i + 1] == 'x' || source[i + 1] == 'u')) escapes++;
        }

        if (escapes >= 8) result.Techniques["hex-escapes"] = escapes;
    }

    private static List<JsToken> Fold(List<JsToken> input, ConstantTable constants, JsDeobfuscation result, ref bool changed)
    {
        var output = new List<JsToken>(input.Count);
        for (int i = 0; i < input.Count; i++)
        {
            var t = input[i];

            // "a" + "b" -> "ab" (only where + binds the two strings: not after * / - etc., not before . [ ( )
            if (t.IsPunct("+") && output.Count > 0 && output[^1].Kind == JsTokenKind.String && At(input, i + 1).Kind == JsTokenKind.String &&
                !BindsTighterAfter(At(input, i + 2)) && !BindsTighterBefore(output.Count > 1 ? output[^2] : default) &&
                output[^1].Text.Length + input[i + 1].Text.Length < MaxStringLength)
            {
                output[^1] = new JsToken(JsTokenKind.String, output[^1].Text + input[i + 1].Text, output[^1].Line, true);
                result.Count("concatenation");
                i++;
                changed = true;
                continue;
            }

            // ("abc") -> "abc" where the parenthesis only groups (not a call, not a control statement)
            if (t.Kind == JsTokenKind.String && At(input, i + 1).IsPunct(")") && output.Count > 0 && output[^1].IsPunct("(") &&
                !IsCallTarget(output.Count > 1 ? output[^2] : default))
            {
                output[^1] = t;
                i++;
                changed = true;
                continue;
            }

            // x["name"] -> x.name
            if (t.IsPunct("[") && output.Count > 0 && IsMemberTarget(output[^1]) && At(input, i + 1).Kind == JsTokenKind.String &&
                At(input, i + 2).IsPunct("]") && IsIdentifierName(input[i + 1].Text))
            {
                output.Add(new JsToken(JsTokenKind.Punct, ".", t.Line));
                output.Add(new JsToken(JsTokenKind.Identifier, input[i + 1].Text, t.Line, true));
                result.Count("bracket-access");
                i += 2;
                changed = true;
                continue;
            }

            if (t.Kind == JsTokenKind.Identifier && !(output.Count > 0 && output[^1].IsPunct(".")))
            {
                // a constant array element: NAME[3]
                if (constants.Arrays.TryGetValue(t.Text, out var array) && At(input, i + 1).IsPunct("[") &&
                    At(input, i + 2).Kind == JsTokenKind.Number && At(input, i + 3).IsPunct("]") &&
                    int.TryParse(input[i + 2].Text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < array.Length &&
                    !At(input, i + 4).IsPunct("="))
                {
                    output.Add(new JsToken(JsTokenKind.String, array[index], t.Line, true));
                    result.Count("string-array");
                    i += 3;
                    changed = true;
                    continue;
                }

                // a constant string: NAME (not its declaration, not an assignment target, not a property key)
                if (constants.Strings.TryGetValue(t.Text, out string? value) && !IsDeclarationOrTarget(output, input, i))
                {
                    output.Add(new JsToken(JsTokenKind.String, value, t.Line, true));
                    changed = true;
                    continue;
                }

                if (TryCall(input, i, output, result, out int consumed, out JsToken folded))
                {
                    output.Add(folded);
                    i += consumed - 1;
                    changed = true;
                    continue;
                }
            }

            // "abc".split("").reverse().join("")
            if (t.Kind == JsTokenKind.String && TryReverse(input, i, out int used, out string reversed))
            {
                output.Add(new JsToken(JsTokenKind.String, reversed, t.Line, true));
                result.Count("reversed-string");
                i += used - 1;
                changed = true;
                continue;
            }

            output.Add(t);
        }

        return output;
    }

    /// <summary>String.fromCharCode(n, ...), atob("..."), unescape("..."), decodeURIComponent("..."), "a".concat("b").</summary>
    private static bool TryCall(List<JsToken> input, int i, List<JsToken> output, JsDeobfuscation result, out int consumed, out JsToken folded)
    {
        consumed = 0;
        folded = default;
        var t = input[i];
        if (t.IsIdent("String") && At(input, i + 1).IsPunct(".") && At(input, i + 2).IsIdent("fromCharCode") && At(input, i + 3).IsPunct("("))
        {
            var sb = new StringBuilder();
            int j = i + 4;
            while (j < input.Count && input[j].Kind == JsTokenKind.Number &&
                   int.TryParse(input[j].Text, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code <= 0xFFFF)
            {
                sb.Append((char)code);
                j++;
                if (At(input, j).IsPunct(",")) j++;
                else break;
            }

            if (sb.Length == 0 || !At(input, j).IsPunct(")")) return false;
            consumed = j - i + 1;
            folded = new JsToken(JsTokenKind.String, sb.ToString(), t.Line, true);
            result.Count("fromCharCode");
            return true;
        }

        if (t.Text is "atob" or "unescape" or "decodeURIComponent" or "decodeURI" && At(input, i + 1).IsPunct("(") &&
            At(input, i + 2).Kind == JsTokenKind.String && At(input, i + 3).IsPunct(")"))
        {
            string? decoded = t.Text == "atob" ? TextDecoding.Base64ToText(input[i + 2].Text) : TextDecoding.PercentDecode(input[i + 2].Text);
            if (decoded is null) return false;

            // window.atob(...): drop the receiver, the value no longer needs it
            if (output.Count >= 2 && output[^1].IsPunct(".") && output[^2].Text is "window" or "self" or "globalThis" or "top")
            {
                output.RemoveRange(output.Count - 2, 2);
            }

            consumed = 4;
            folded = new JsToken(JsTokenKind.String, decoded, t.Line, true);
            result.Count(t.Text == "atob" ? "base64" : "percent-encoding");
            return true;
        }

        return false;
    }

    private static bool TryReverse(List<JsToken> input, int i, out int used, out string reversed)
    {
        used = 0;
        reversed = string.Empty;
        // "s" . split ( "" ) . reverse ( ) . join ( "" )
        if (!(At(input, i + 1).IsPunct(".") && At(input, i + 2).IsIdent("split") && At(input, i + 3).IsPunct("(") &&
              At(input, i + 4).Is(JsTokenKind.String, string.Empty) && At(input, i + 5).IsPunct(")") && At(input, i + 6).IsPunct(".") &&
              At(input, i + 7).IsIdent("reverse") && At(input, i + 8).IsPunct("(") && At(input, i + 9).IsPunct(")") &&
              At(input, i + 10).IsPunct(".") && At(input, i + 11).IsIdent("join") && At(input, i + 12).IsPunct("(") &&
              At(input, i + 13).Is(JsTokenKind.String, string.Empty) && At(input, i + 14).IsPunct(")")))
        {
            return false;
        }

        char[] chars = input[i].Text.ToCharArray();
        Array.Reverse(chars);
        reversed = new string(chars);
        used = 15;
        return true;
    }

    private static void FindHidden(List<JsToken> tokens, JsDeobfuscation result)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != JsTokenKind.Identifier) continue;
            if (t.Text == "eval" && JsUnpacker.TryUnpack(tokens, i) is { } unpacked)
            {
                result.Hidden.Add((unpacked, t.Line, "packer"));
                result.Count("packer");
                continue;
            }

            bool sink = t.Text is "eval" or "Function" or "setTimeout" or "setInterval" or "execScript" ||
                        (t.Text is "write" or "writeln" && i > 1 && tokens[i - 1].IsPunct(".") && tokens[i - 2].IsIdent("document"));
            if (!sink || !At(tokens, i + 1).IsPunct("(")) continue;

            // The last string argument of Function(...) is its body; the first one of the others is the code.
            int j = i + 2;
            JsToken? code = null;
            while (j < tokens.Count && j < i + 64 && !tokens[j].IsPunct(")"))
            {
                if (tokens[j].Kind == JsTokenKind.String && (At(tokens, j + 1).IsPunct(")") || At(tokens, j + 1).IsPunct(",")))
                {
                    code = tokens[j];
                    if (t.Text != "Function") break;
                }

                j++;
            }

            if (code is { } c && c.Text.Length > 0)
            {
                result.Hidden.Add((c.Text, c.Line, c.Decoded ? $"{t.Text} of a decoded string" : $"{t.Text} of a string"));
                if (c.Decoded) result.Count("eval-of-decoded");
            }
        }
    }

    private static JsToken At(List<JsToken> tokens, int i) => i < tokens.Count ? tokens[i] : default;

    private static bool BindsTighterAfter(JsToken next) => next.Kind == JsTokenKind.Punct && next.Text is "." or "[" or "(" or "?." or "**";

    private static bool BindsTighterBefore(JsToken prev) =>
        (prev.Kind == JsTokenKind.Punct && prev.Text is "-" or "*" or "/" or "%" or "**" or "." or "!" or "~" or "?.") ||
        (prev.Kind == JsTokenKind.Identifier && prev.Text is "typeof" or "void" or "delete" or "await");

    private static bool IsCallTarget(JsToken prev) =>
        prev.Kind == JsTokenKind.Identifier && prev.Text is not ("return" or "typeof" or "case" or "in" or "of" or "void" or "delete" or "throw" or "yield" or "await" or "else" or "do" or "new")
        || prev.IsPunct(")") || prev.IsPunct("]");

    private static bool IsMemberTarget(JsToken prev) =>
        prev.Kind is JsTokenKind.Identifier or JsTokenKind.String || prev.IsPunct(")") || prev.IsPunct("]");

    private static bool IsDeclarationOrTarget(List<JsToken> output, List<JsToken> input, int i)
    {
        var prev = output.Count > 0 ? output[^1] : default;
        var next = At(input, i + 1);
        if (prev.Kind == JsTokenKind.Identifier && prev.Text is "var" or "let" or "const" or "function" or "class") return true;
        if (next.Kind == JsTokenKind.Punct && next.Text is "=" or ":" or "=>" or "++" or "--" or "+=" or "-=" or "(") return true;

        // a parameter list or destructuring: (a, b) or {a, b}
        if (prev.Kind == JsTokenKind.Punct && prev.Text is "," or "(" or "{" && next.Kind == JsTokenKind.Punct && next.Text is "," or ")" or "}") return true;
        return prev.IsPunct("++") || prev.IsPunct("--");
    }

    internal static bool IsIdentifierName(string s)
    {
        if (s.Length == 0 || s.Length > 64 || !(char.IsLetter(s[0]) || s[0] is '_' or '$')) return false;
        foreach (char c in s)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '$')) return false;
        }

        return true;
    }
}
