using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Ensuresec.Core.Events;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Ensuresec.Integrity.Inspect.Rules;

/// <summary>The rules and regex facts in force: the built-in ones, then those of user files (same id replaces).</summary>
internal sealed class RuleSet
{
    private static readonly HashSet<string> Languages = new(StringComparer.Ordinal) { "js", "php", "html", "any" };

    public IReadOnlyList<Rule> Rules { get; }

    public IReadOnlyList<RegexFact> Facts { get; }

    private RuleSet(IReadOnlyList<Rule> rules, IReadOnlyList<RegexFact> facts)
    {
        Rules = rules;
        Facts = facts;
    }

    public static RuleSet BuiltIn { get; } = LoadBuiltIn();

    private static RuleSet LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ensuresec.Integrity.builtin-rules.yaml")
                           ?? throw new InvalidOperationException("the built-in rules are not embedded");
        using var reader = new StreamReader(stream);
        var result = Parse(reader.ReadToEnd(), "builtin-rules.yaml", null);
        return result.Rules ?? throw new InvalidOperationException("built-in rules: " + result.Error);
    }

    /// <summary>Adds the rules of a user file to <paramref name="baseSet"/>; the error names the file, the rule and the field.</summary>
    public static (RuleSet? Rules, string? Error) Parse(string yaml, string fileName, RuleSet? baseSet)
    {
        RuleFile? file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(HyphenatedNamingConvention.Instance).Build().Deserialize<RuleFile>(yaml);
        }
        catch (YamlException ex)
        {
            return (null, $"{fileName}:{ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}");
        }

        var facts = new List<RegexFact>(baseSet?.Facts ?? []);
        foreach (var f in file?.Facts ?? [])
        {
            if (string.IsNullOrWhiteSpace(f.Id) || string.IsNullOrEmpty(f.Regex)) return (null, $"{fileName}: fact '{f.Id}': needs id and regex");
            string language = f.Language ?? "any";
            if (!Languages.Contains(language)) return (null, $"{fileName}: fact '{f.Id}': language '{language}' is not js, php, html or any");
            try
            {
                facts.RemoveAll(x => x.Id == f.Id);
                facts.Add(new RegexFact(f.Id, language, new Regex(f.Regex, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)), f.Evidence ?? f.Id));
            }
            catch (ArgumentException ex)
            {
                return (null, $"{fileName}: fact '{f.Id}': regex: {ex.Message}");
            }
        }

        var rules = new List<Rule>(baseSet?.Rules ?? []);
        foreach (var r in file?.Rules ?? [])
        {
            string where = $"{fileName}: rule '{r.Id}'";
            if (string.IsNullOrWhiteSpace(r.Id)) return (null, $"{fileName}: a rule has no id");
            if (r.All is not { Count: > 0 }) return (null, $"{where}: 'all' must list at least one fact");
            if (!SeverityNames.TryParse(r.Severity ?? "medium", out var severity)) return (null, $"{where}: severity '{r.Severity}' is not info, low, medium, high or critical");
            string language = r.Language ?? "any";
            if (!Languages.Contains(language)) return (null, $"{where}: language '{language}' is not js, php, html or any");
            double confidence = r.Confidence ?? 0.7;
            if (!(confidence is >= 0 and <= 1)) return (null, $"{where}: confidence must be between 0 and 1");
            if (r.Within is < 1) return (null, $"{where}: within must be a positive number of tokens");
            var groups = r.All.Select(g => (IReadOnlyList<string>)g.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (groups.Exists(g => g.Count == 0)) return (null, $"{where}: an empty line in 'all'");
            rules.RemoveAll(x => x.Id == r.Id);
            rules.Add(new Rule
            {
                Id = r.Id,
                Title = r.Title ?? r.Id,
                Language = language,
                Severity = severity,
                Technique = r.Technique ?? "T1027",
                Confidence = confidence,
                All = groups,
                None = r.None ?? [],
                Explain = r.Explain ?? r.Title ?? r.Id,
                Within = r.Within ?? Rule.DefaultWithin,
            });
        }

        return (new RuleSet(rules, facts), null);
    }

    public static (RuleSet? Rules, string? Error) LoadFile(string path, RuleSet baseSet)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return (null, $"{path}: no such file");
            if (info.Length > 1_000_000) return (null, $"{path}: a rules file over 1 MB is not read");
            return Parse(File.ReadAllText(path), path, baseSet);
        }
        catch (IOException ex)
        {
            return (null, $"{path}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return (null, $"{path}: {ex.Message}");
        }
    }

    private sealed class RuleFile
    {
        public List<RuleDto>? Rules { get; set; }
        public List<FactDto>? Facts { get; set; }
    }

    private sealed class RuleDto
    {
        public string Id { get; set; } = string.Empty;
        public string? Title { get; set; }
        public string? Language { get; set; }
        public string? Severity { get; set; }
        public string? Technique { get; set; }
        public double? Confidence { get; set; }
        public List<string>? All { get; set; }
        public List<string>? None { get; set; }
        public string? Explain { get; set; }
        public int? Within { get; set; }
    }

    private sealed class FactDto
    {
        public string Id { get; set; } = string.Empty;
        public string? Language { get; set; }
        public string? Regex { get; set; }
        public string? Evidence { get; set; }
    }

    internal static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);
}
