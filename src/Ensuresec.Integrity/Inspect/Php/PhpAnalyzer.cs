using System.Globalization;
using System.Text;
using Ensuresec.Integrity.Inspect.Js;

namespace Ensuresec.Integrity.Inspect.Php;

/// <summary>
/// Folds PHP obfuscation (concatenation, chr(), base64_decode, gzinflate, str_rot13, strrev, hex2bin and nestings,
/// constants assigned once, escape sequences) and finds web shell and server-side skimmer behaviour: request input
/// reaching code or command execution, card fields read from the request and sent out. Never runs the code.
/// </summary>
internal static class PhpAnalyzer
{
    private static readonly HashSet<string> Superglobals = new(StringComparer.Ordinal)
    {
        "$_GET", "$_POST", "$_REQUEST", "$_COOKIE", "$_FILES", "$_SERVER", "$HTTP_RAW_POST_DATA",
    };

    private static readonly HashSet<string> ExecSinks = new(StringComparer.Ordinal)
    {
        "eval", "assert", "system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec", "create_function",
        "call_user_func", "call_user_func_array", "include", "include_once", "require", "require_once", "array_map",
        "array_filter", "usort", "uasort", "register_shutdown_function", "ob_start", "preg_replace_callback", "mb_ereg_replace",
    };

    private static readonly HashSet<string> SendCalls = new(StringComparer.Ordinal)
    {
        "mail", "curl_exec", "curl_init", "fsockopen", "stream_socket_client", "socket_connect", "file_put_contents", "fwrite", "fputs",
        "wp_remote_post", "file_get_contents",
    };

    public static void Analyze(string source, FactContext context, bool codeOnly = false)
    {
        var (raw, html) = PhpLexer.Tokenize(codeOnly ? "<?php " + source : source);
        var tokens = Fold(raw, context);
        foreach (var (text, line) in html)
        {
            if (text.Contains("<script", StringComparison.OrdinalIgnoreCase) || text.Contains(" on", StringComparison.OrdinalIgnoreCase))
            {
                context.Hidden(text, line, "HTML around PHP", "html-fragment");
            }
        }

        FindFacts(tokens, context);
        context.CurrentToken = -1;
        context.Normalised.Add(("php", JsAnalyzer.Normalise(tokens), context.LineOffset + 1));
    }

    private static List<JsToken> Fold(List<JsToken> tokens, FactContext context)
    {
        var current = tokens;
        for (int pass = 0; pass < 8; pass++)
        {
            var constants = Constants(current);
            bool changed = false;
            var output = new List<JsToken>(current.Count);
            for (int i = 0; i < current.Count; i++)
            {
                var t = current[i];
                if (t.IsPunct(".") && output.Count > 0 && output[^1].Kind == JsTokenKind.String && At(current, i + 1).Kind == JsTokenKind.String &&
                    !At(current, i + 2).IsPunct("[") && output[^1].Text.Length + current[i + 1].Text.Length < 8_000_000)
                {
                    output[^1] = new JsToken(JsTokenKind.String, output[^1].Text + current[i + 1].Text, output[^1].Line, true);
                    context.Technique("concatenation");
                    i++;
                    changed = true;
                    continue;
                }

                if (t.Kind == JsTokenKind.Identifier && At(current, i + 1).IsPunct("("))
                {
                    if (t.Text == "chr" && At(current, i + 2).Kind == JsTokenKind.Number && At(current, i + 3).IsPunct(")") &&
                        int.TryParse(current[i + 2].Text, NumberStyles.None, CultureInfo.InvariantCulture, out int code))
                    {
                        output.Add(new JsToken(JsTokenKind.String, ((char)(code & 0xFF)).ToString(), t.Line, true));
                        context.Technique("chr");
                        i += 3;
                        changed = true;
                        continue;
                    }

                    if (PhpDecoders.IsDecoder(t.Text) && At(current, i + 2).Kind == JsTokenKind.String && At(current, i + 3).IsPunct(")") &&
                        PhpDecoders.Apply(t.Text, current[i + 2].Text) is { } decoded)
                    {
                        output.Add(new JsToken(JsTokenKind.String, decoded, t.Line, true));
                        context.Technique(t.Text);
                        i += 3;
                        changed = true;
                        continue;
                    }
                }

                if (t.Kind == JsTokenKind.Identifier && t.Text.StartsWith('$') && constants.TryGetValue(t.Text, out string? value) &&
                    !(At(current, i + 1).Kind == JsTokenKind.Punct && At(current, i + 1).Text is "=" or "[") && !(output.Count > 0 && output[^1].IsIdent("global")))
                {
                    output.Add(new JsToken(JsTokenKind.String, value, t.Line, true));
                    changed = true;
                    continue;
                }

                output.Add(t);
            }

            current = output;
            if (!changed) break;
        }

        return current;
    }

    private static Dictionary<string, string> Constants(List<JsToken> tokens)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != JsTokenKind.Identifier || !t.Text.StartsWith('$')) continue;
            var op = tokens[i + 1];
            bool write = op.Kind == JsTokenKind.Punct && op.Text is "=" or "[" or "&" || (op.Kind == JsTokenKind.Punct && op.Text is "+" or "-" or "." or "*" && At(tokens, i + 2).IsPunct("="));
            bool parameter = i > 0 && tokens[i - 1].Kind == JsTokenKind.Punct && tokens[i - 1].Text is "(" or "," or "&" && op.Kind == JsTokenKind.Punct && op.Text is ")" or "," or "=";
            bool loop = i > 0 && tokens[i - 1].IsIdent("as");
            if (!write && !parameter && !loop) continue;
            counts[t.Text] = counts.GetValueOrDefault(t.Text) + 1;
            if (op.IsPunct("=") && !(At(tokens, i + 2).Kind == JsTokenKind.Punct) && At(tokens, i + 2).Kind == JsTokenKind.String && At(tokens, i + 3).IsPunct(";"))
            {
                values[t.Text] = tokens[i + 2].Text;
            }
        }

        foreach (var (name, count) in counts)
        {
            if (count > 1 || Superglobals.Contains(name) || name == "$this") values.Remove(name);
        }

        return values;
    }

    private static void FindFacts(List<JsToken> tokens, FactContext context)
    {
        var tainted = Taint(tokens);
        context.BeginPiece();
        bool IsInput(JsToken t) => t.Kind == JsTokenKind.Identifier && (Superglobals.Contains(t.Text) || tainted.Contains(t.Text) || t.Text is "getallheaders" or "apache_request_headers") ||
                                   (t.Kind == JsTokenKind.String && t.Text.StartsWith("php://input", StringComparison.OrdinalIgnoreCase));

        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            context.CurrentToken = i;
            if (IsInput(t) && t.Kind == JsTokenKind.Identifier && !tainted.Contains(t.Text)) context.Add(FactIds.RequestInput, t.Line, t.Text);
            if (t.Kind == JsTokenKind.Identifier && Superglobals.Contains(t.Text))
            {
                // $_POST['payment']['cc_number']
                for (int j = i + 1; j < tokens.Count && j < i + 12 && (tokens[j].Kind != JsTokenKind.Punct || tokens[j].Text is "[" or "]"); j++)
                {
                    if (tokens[j].Kind == JsTokenKind.String && CardFields.Matches(tokens[j].Text))
                    {
                        context.Add(FactIds.RequestCardField, tokens[j].Line, $"{t.Text}[...'{tokens[j].Text}']");
                        break;
                    }
                }
            }

            if (t.Kind == JsTokenKind.String && CardFields.Matches(t.Text) && t.Text.Contains('[', StringComparison.Ordinal) && i > 1 && tokens[i - 1].IsPunct("("))
            {
                // getParam('payment[cc_number]'), Magento's request accessors
                if (tokens[i - 2].Kind == JsTokenKind.Identifier && tokens[i - 2].Text is "getparam" or "getpost" or "getpostvalue" or "getparams")
                {
                    context.Add(FactIds.RequestCardField, t.Line, $"{tokens[i - 2].Text}('{t.Text}')");
                }
            }

            if (t.Kind == JsTokenKind.Template)
            {
                context.Add(FactIds.ExecSink, t.Line, "backtick shell command");
                if (t.Text.Contains("$_", StringComparison.Ordinal) || tainted.Any(v => t.Text.Contains(v, StringComparison.Ordinal)))
                {
                    context.Add(FactIds.RequestToExec, t.Line, $"runs a shell command built from the request: `{JsFactFinder.Short(t.Text)}`");
                }

                continue;
            }

            bool sinkName = (t.Kind is JsTokenKind.Identifier or JsTokenKind.String) && ExecSinks.Contains(t.Text.ToLowerInvariant()) && !(i > 0 && tokens[i - 1].Kind == JsTokenKind.Punct && tokens[i - 1].Text is ">" or ":");
            bool call = At(tokens, i + 1).IsPunct("(") || (t.Text.StartsWith("include", StringComparison.Ordinal) || t.Text.StartsWith("require", StringComparison.Ordinal));
            if (sinkName && call)
            {
                if (t.Kind == JsTokenKind.String) context.Add(FactIds.Obfuscated, t.Line, $"calls {t.Text} through a computed name");
                var args = Arguments(tokens, i + 1);
                if (t.Text is not ("include" or "include_once" or "require" or "require_once" or "array_map" or "array_filter" or "usort" or "uasort" or "ob_start" or "register_shutdown_function" or "preg_replace_callback" or "call_user_func" or "call_user_func_array"))
                {
                    context.Add(FactIds.ExecSink, t.Line, $"{t.Text}(...)");
                }

                if (args.Exists(IsInput))
                {
                    context.Add(FactIds.RequestToExec, t.Line, $"passes request input to {t.Text}()");
                }

                if (t.Text is "eval" or "assert" && args.Count >= 1 && args[0].Kind == JsTokenKind.String && args.Count <= 2)
                {
                    context.Hidden(PhpDecoders.ToText(args[0].Text), t.Line, args[0].Decoded ? "eval of a decoded string" : "eval of a string", "php-code");
                    if (args[0].Decoded) context.Add(FactIds.DecodedCodeExecuted, t.Line, $"{t.Text}() of a decoded string");
                }

                if (t.Text is "create_function" && args.Exists(a => a.Kind == JsTokenKind.String && a.Decoded))
                {
                    context.Add(FactIds.DecodedCodeExecuted, t.Line, "create_function() of a decoded string");
                }

                continue;
            }

            if (t.Text == "preg_replace" && At(tokens, i + 1).IsPunct("(") && At(tokens, i + 2).Kind == JsTokenKind.String && EvalModifier(tokens[i + 2].Text))
            {
                context.Add(FactIds.ExecSink, t.Line, "preg_replace with the /e modifier");
                if (Arguments(tokens, i + 1).Exists(IsInput)) context.Add(FactIds.RequestToExec, t.Line, "preg_replace /e over request input");
            }

            // $_GET['f']($_GET['c']) or $f(...) with $f from the request: a function named by the attacker
            if (t.IsPunct("(") && i > 0 && (tokens[i - 1].IsPunct("]") || (tokens[i - 1].Kind == JsTokenKind.Identifier && tokens[i - 1].Text.StartsWith('$'))))
            {
                int k = i - 1;
                while (k > 0 && k > i - 12 && !(tokens[k].Kind == JsTokenKind.Identifier && tokens[k].Text.StartsWith('$'))) k--;
                if (k >= 0 && IsInput(tokens[k]) && !(k > 0 && tokens[k - 1].Kind == JsTokenKind.Identifier && tokens[k - 1].Text is "function" or "fn"))
                {
                    context.Add(FactIds.RequestToExec, t.Line, $"calls a function whose name comes from the request ({tokens[k].Text})");
                }
            }

            if (t.Kind == JsTokenKind.Identifier && SendCalls.Contains(t.Text) && At(tokens, i + 1).IsPunct("(") && !(i > 0 && tokens[i - 1].IsPunct(">")))
            {
                if (t.Text == "file_get_contents" && !Arguments(tokens, i + 1).Exists(a => a.Kind == JsTokenKind.String && a.Text.StartsWith("http", StringComparison.OrdinalIgnoreCase))) continue;
                context.Add(FactIds.ServerSend, t.Line, $"{t.Text}(...)");
            }

            if (t.IsIdent("move_uploaded_file")) context.Add(FactIds.UploadWrite, t.Line, "move_uploaded_file(...)");
            if (t.Kind == JsTokenKind.String) foreach (var (host, _) in UrlHosts.Find(t.Text)) context.Url(host, t.Line);
        }
    }

    private static bool EvalModifier(string pattern)
    {
        if (pattern.Length < 3) return false;
        char delimiter = pattern[0];
        char close = delimiter switch { '(' => ')', '{' => '}', '[' => ']', '<' => '>', _ => delimiter };
        int end = pattern.LastIndexOf(close);
        return end > 0 && pattern[(end + 1)..].Contains('e', StringComparison.Ordinal);
    }

    /// <summary>Variables assigned from request input, directly or through other such variables (two rounds).</summary>
    private static HashSet<string> Taint(List<JsToken> tokens)
    {
        var tainted = new HashSet<string>(StringComparer.Ordinal);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i + 2 < tokens.Count; i++)
            {
                var t = tokens[i];
                if (t.Kind != JsTokenKind.Identifier || !t.Text.StartsWith('$') || Superglobals.Contains(t.Text)) continue;
                bool assign = tokens[i + 1].IsPunct("=") && !tokens[i + 2].IsPunct("=") && !tokens[i + 2].IsPunct(">");
                bool loopVar = i > 1 && tokens[i - 1].IsIdent("as");
                if (!assign && !loopVar) continue;
                int from = assign ? i + 2 : i - 12;
                for (int j = Math.Max(0, from); j < tokens.Count && j < from + 64 && !tokens[j].IsPunct(";") && !tokens[j].IsPunct("{"); j++)
                {
                    var v = tokens[j];
                    if ((v.Kind == JsTokenKind.Identifier && (Superglobals.Contains(v.Text) || tainted.Contains(v.Text) || v.Text is "getallheaders" or "apache_request_headers")) ||
                        (v.Kind == JsTokenKind.String && v.Text.StartsWith("php://input", StringComparison.OrdinalIgnoreCase)))
                    {
                        tainted.Add(t.Text);
                        break;
                    }
                }
            }
        }

        return tainted;
    }

    /// <summary>The tokens between the parenthesis at <paramref name="open"/> and its match (or up to ';' without one).</summary>
    private static List<JsToken> Arguments(List<JsToken> tokens, int open)
    {
        var args = new List<JsToken>();
        int depth = 0;
        for (int j = open; j < tokens.Count && j < open + 400; j++)
        {
            var t = tokens[j];
            if (t.IsPunct("(")) { depth++; if (depth == 1 && j == open) continue; }
            if (t.IsPunct(")") && --depth <= 0) break;
            if (t.IsPunct(";") && depth <= 1) break;
            args.Add(t);
        }

        return args;
    }

    private static JsToken At(List<JsToken> tokens, int i) => i >= 0 && i < tokens.Count ? tokens[i] : default;

    internal static string Describe(IEnumerable<JsToken> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens) sb.Append(t).Append(' ');
        return sb.ToString().TrimEnd();
    }
}
