using System.Security.Cryptography;
using System.Text;
using Ensuresec.Integrity.Inspect.Html;
using Ensuresec.Integrity.Inspect.Js;
using Ensuresec.Integrity.Inspect.Php;
using Ensuresec.Integrity.Inspect.Rules;

namespace Ensuresec.Integrity.Inspect;

/// <summary>
/// Static skimmer and web shell analysis of one file or text: picks the language, runs its analyser, follows the
/// code hidden inside (to <see cref="InspectOptions.MaxDepth"/>), adds the user's regex facts and evaluates the
/// rules. Reads bytes only; nothing inspected is executed, loaded or included.
/// </summary>
internal sealed class Inspector(InspectOptions options)
{
    private const long MaxHiddenChars = 64_000_000;
    private static readonly string[] JsExtensions = [".js", ".mjs", ".cjs", ".jsx"];
    private static readonly string[] PhpExtensions = [".php", ".phtml", ".php3", ".php4", ".php5", ".php7", ".phps", ".phar", ".inc", ".module"];
    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xhtml", ".tpl", ".twig", ".hbs", ".liquid"];

    public InspectOptions Options => options;

    /// <summary>The language for a path by its extension, or null for a file that is not code by name.</summary>
    public static string? LanguageOf(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (JsExtensions.Contains(ext)) return "js";
        if (PhpExtensions.Contains(ext)) return "php";
        if (HtmlExtensions.Contains(ext)) return "html";
        return null;
    }

    public InspectionResult InspectFile(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return new InspectionResult { Path = path, Error = "the file vanished before it could be read" };
            if (info.Length > options.MaxFileBytes) return new InspectionResult { Path = path, Skipped = $"larger than {options.MaxFileBytes} bytes ({info.Length})" };
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new InspectionResult { Path = path, Error = ex.Message };
        }

        return InspectBytes(path, bytes);
    }

    public InspectionResult InspectBytes(string path, ReadOnlySpan<byte> bytes)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var notes = new List<string>();
        if (bytes.Length > options.MaxFileBytes) return new InspectionResult { Path = path, Sha256 = sha, Skipped = $"larger than {options.MaxFileBytes} bytes" };
        string? language = LanguageOf(path);
        int sniff = Math.Min(bytes.Length, 65536);
        bool hasPhpTag = bytes[..sniff].IndexOf("<?php"u8) >= 0 || bytes[..sniff].IndexOf("<?="u8) >= 0;
        bool binary = bytes[..Math.Min(bytes.Length, 8192)].IndexOf((byte)0) >= 0;
        bool phpInOther = false;
        if (language is null or "js" or "html" && hasPhpTag && bytes[..sniff].IndexOf("<?php"u8) >= 0)
        {
            // a PHP opening tag inside an image, a .js or a text file: the classic hidden web shell
            phpInOther = language is null || bytes[..sniff].IndexOf("<?php"u8) >= 0 && language != "html";
            if (language is null) language = "php";
        }

        if (language is null) return new InspectionResult { Path = path, Sha256 = sha, Skipped = "not a script, page or PHP file" };
        if (binary && !hasPhpTag) return new InspectionResult { Path = path, Sha256 = sha, Language = language, Skipped = "binary content" };

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // still analysed: invalid bytes become U+FFFD, and the note says so
            text = Encoding.UTF8.GetString(bytes);
            notes.Add("invalid UTF-8: undecodable bytes replaced");
        }

        return InspectText(path, text, language, phpInOther, sha, notes);
    }

    public InspectionResult InspectText(string path, string text, string language, bool phpInNonPhpFile = false, string? sha = null, List<string>? notes = null)
    {
        notes ??= [];
        var context = new FactContext(options.OwnHosts);
        if (phpInNonPhpFile) context.Add("php-in-non-php-file", 1, $"PHP code in a {Path.GetExtension(path)} file");
        Run(language, text, context, codeOnly: false);

        // code hidden in strings, breadth first, each piece reported at the line it came from
        long budget = MaxHiddenChars;
        for (int depth = 1; depth <= options.MaxDepth && context.PendingHidden.Count > 0; depth++)
        {
            var pending = context.PendingHidden.ToList();
            context.PendingHidden.Clear();
            foreach (var (code, line, how, lang) in pending)
            {
                budget -= code.Length;
                if (budget < 0) { notes.Add("hidden code beyond the analysis budget was not followed"); break; }
                context.FixedLine = lang == "html-fragment" ? null : line;
                context.LineOffset = lang == "html-fragment" ? line - 1 : 0;
                Run(lang, code, context, codeOnly: lang == "php-code");
                if (how.Length > 0 && lang != "html-fragment") context.Technique("hidden-code");
            }

            context.FixedLine = null;
            context.LineOffset = 0;
            if (depth == options.MaxDepth && context.PendingHidden.Count > 0) notes.Add($"code nested deeper than {options.MaxDepth} levels was not followed");
        }

        AddObfuscationFact(context);
        AddRegexFacts(context);
        var matches = Evaluate(context, language);
        return new InspectionResult
        {
            Path = path,
            Language = language,
            Sha256 = sha ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Matches = matches,
            Facts = [.. context.All],
            Techniques = new Dictionary<string, int>(context.Techniques, StringComparer.Ordinal),
            Notes = notes,
        };
    }

    private static void Run(string language, string code, FactContext context, bool codeOnly)
    {
        switch (language)
        {
            case "js":
                JsAnalyzer.Analyze(code, context);
                break;
            case "php" or "php-code":
                PhpAnalyzer.Analyze(code, context, codeOnly);
                break;
            case "html" or "html-fragment":
                HtmlAnalyzer.Analyze(code, context);
                break;
        }
    }

    private static void AddObfuscationFact(FactContext context)
    {
        var t = context.Techniques;
        var strong = new List<string>();
        foreach (string name in (string[])["packer", "eval-of-decoded", "base64", "fromCharCode", "reversed-string", "chr", "base64_decode", "gzinflate", "gzuncompress", "gzdecode", "str_rot13", "strrev", "hex2bin", "hidden-code"])
        {
            if (t.ContainsKey(name)) strong.Add($"{name} x{t[name]}");
        }

        if (t.GetValueOrDefault("string-array") >= 3) strong.Add($"string-array x{t["string-array"]}");
        if (t.GetValueOrDefault("hex-escapes") >= 20) strong.Add($"hex-escapes x{t["hex-escapes"]}");
        if (strong.Count > 0) context.Add(FactIds.Obfuscated, 0, "undone: " + string.Join(", ", strong));
    }

    private void AddRegexFacts(FactContext context)
    {
        foreach (var fact in options.Rules.Facts)
        {
            foreach (var (lang, text, line) in context.Normalised)
            {
                if (fact.Language != "any" && fact.Language != lang) continue;
                try
                {
                    var m = fact.Pattern.Match(text);
                    if (m.Success) context.Add(fact.Id, line, $"{fact.Evidence}: '{JsFactFinder.Short(m.Value)}'");
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    context.Add("rule-timeout", line, $"fact '{fact.Id}' timed out");
                }
            }
        }
    }

    private List<RuleMatch> Evaluate(FactContext context, string language)
    {
        var matches = new List<RuleMatch>();
        foreach (var rule in options.Rules.Rules)
        {
            if (!rule.AppliesTo(language) && !(rule.Language == "js" && context.Normalised.Exists(n => n.Language == "js"))) continue;
            if (rule.None.Any(context.Has)) continue;
            var groups = rule.All.Select(g => g.SelectMany(context.Occurrences).ToList()).ToList();
            if (groups.Exists(g => g.Count == 0)) continue;
            if (RuleWindow.Find(groups, rule.Within) is not { } evidence) continue;
            int line = evidence.Where(f => f.Line > 0).Select(f => f.Line).DefaultIfEmpty(0).Min();
            string why = string.Join("; ", evidence.Select(f => f.Line > 0 ? $"{f.Id} at line {f.Line}: {f.Evidence}" : $"{f.Id}: {f.Evidence}"));
            matches.Add(new RuleMatch(rule, line, $"{rule.Title}: {rule.Explain} ({why})", evidence));
        }

        return matches;
    }
}
