using Ensuresec.Waf.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Waf.Exclusions;

/// <summary>
/// Reads an exclusion file (YAML): a list under <c>exclusions</c>, each entry with any of <c>path</c> (a prefix),
/// <c>argument</c> (a name, or a prefix ending in '*'), <c>class</c> (an attack class name), <c>rule</c> (a rule id),
/// and a <c>reason</c>. Every mistake is reported with the file and line; nothing half-read is returned.
/// </summary>
public static class ExclusionLoader
{
    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal) { "path", "argument", "class", "rule", "reason", "source" };

    public static (IReadOnlyList<ExclusionRule> Rules, IReadOnlyList<string> Errors) Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<ExclusionRule>();
        var errors = new List<string>();
        if (text.Length > 4 * 1024 * 1024) return (rules, [$"{origin}: larger than 4 MiB"]);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return (rules, [$"{origin}:{e.Start.Line}: {e.Message}"]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("exclusions"), out var listNode) || listNode is not YamlSequenceNode list)
        {
            return (rules, [$"{origin}:1: expected a mapping with an 'exclusions' list"]);
        }

        foreach (var item in list)
        {
            int line = (int)item.Start.Line;
            if (item is not YamlMappingNode entry)
            {
                errors.Add($"{origin}:{line}: each exclusion must be a mapping");
                continue;
            }

            var rule = new ExclusionRule { Origin = $"{origin}:{line}" };
            bool ok = true;
            foreach (var (k, v) in entry.Children)
            {
                string key = (k as YamlScalarNode)?.Value ?? string.Empty;
                string? value = (v as YamlScalarNode)?.Value;
                int at = (int)k.Start.Line;
                if (!Keys.Contains(key)) { errors.Add($"{origin}:{at}: unknown key '{key}' (expected path, argument, class, rule, reason, source)"); ok = false; continue; }
                if (value is null || value.Length == 0 || value.Length > 500) { errors.Add($"{origin}:{at}: '{key}' must be a text of 1..500 characters"); ok = false; continue; }
                switch (key)
                {
                    case "path" when !value.StartsWith('/'):
                        errors.Add($"{origin}:{at}: path must start with '/'");
                        ok = false;
                        break;
                    case "path":
                        rule = rule with { PathPrefix = value };
                        break;
                    case "argument":
                        rule = rule with { Argument = value };
                        break;
                    case "class" when AttackClasses.Parse(value) is { } c:
                        rule = rule with { Class = c };
                        break;
                    case "class":
                        errors.Add($"{origin}:{at}: unknown class '{value}' (one of {string.Join(", ", Enum.GetValues<AttackClass>().Select(AttackClasses.Name))})");
                        ok = false;
                        break;
                    case "rule":
                        rule = rule with { RuleId = value };
                        break;
                }
            }

            if (ok && rule.PathPrefix is null && rule.Argument is null && rule.Class is null && rule.RuleId is null)
            {
                errors.Add($"{origin}:{line}: an exclusion needs at least one of path, argument, class, rule");
                ok = false;
            }

            if (ok) rules.Add(rule);
        }

        return errors.Count > 0 ? ([], errors) : (rules, errors);
    }

    public static (IReadOnlyList<ExclusionRule> Rules, IReadOnlyList<string> Errors) LoadFile(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], [$"{path}: {e.Message}"]);
        }
    }
}
