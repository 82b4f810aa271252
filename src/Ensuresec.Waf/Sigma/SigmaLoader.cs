using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Waf.Sigma;

/// <summary>
/// Loads Sigma detection rules (YAML, Sigma specification 2.x). A rule that cannot be compiled (unsupported modifier,
/// nested maps, aggregation, bad YAML) is returned in the problems with its file and reason, never dropped silently.
/// </summary>
public static class SigmaLoader
{
    /// <summary>The modifiers this engine implements (Sigma specification v2.1.0, appendix "modifiers").</summary>
    public static IReadOnlyList<string> SupportedModifiers => SigmaValueMatcher.Supported;

    public sealed record Problem(string File, string Reason);

    public sealed record Result(IReadOnlyList<SigmaRule> Rules, IReadOnlyList<Problem> Problems, IReadOnlyDictionary<string, int> ModifiersUsed);

    public static Result LoadDirectory(string directory)
    {
        var rules = new List<SigmaRule>();
        var problems = new List<Problem>();
        var modifiers = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!Directory.Exists(directory)) return new Result(rules, [new Problem(directory, "folder not found")], modifiers);
        foreach (string file in Directory.EnumerateFiles(directory, "*.yml", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            string text;
            try
            {
                var info = new FileInfo(file);
                if (info.Length > 1024 * 1024)
                {
                    problems.Add(new Problem(file, "larger than 1 MiB"));
                    continue;
                }

                text = File.ReadAllText(file);
            }
            catch (IOException e)
            {
                problems.Add(new Problem(file, e.Message));
                continue;
            }

            var (rule, reason) = Parse(text, Path.GetRelativePath(directory, file), modifiers);
            if (rule is not null) rules.Add(rule);
            else problems.Add(new Problem(Path.GetRelativePath(directory, file), reason!));
        }

        return new Result(rules, problems, modifiers);
    }

    /// <summary>Deepest nesting of maps and lists accepted in a rule file (SigmaHQ rules use 4).</summary>
    public const int MaxDepth = 32;

    private static long? TooDeep(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        int depth = 0;
        var at = Mark.Empty;
        while (Next(parser, ref at))
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth) return parser.Current.Start.Line;
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    // The scanner throws InvalidOperationException on some malformed input: reported as a YAML error where it stopped.
    private static bool Next(YamlDotNet.Core.Parser parser, ref Mark at)
    {
        try
        {
            bool more = parser.MoveNext();
            if (parser.Current is { } e) at = e.End;
            return more;
        }
        catch (InvalidOperationException e)
        {
            throw new YamlException(at, at, "malformed YAML after this point: " + e.Message);
        }
    }

    public static (SigmaRule? Rule, string? Reason) Parse(string text, string file, Dictionary<string, int>? modifiersUsed = null)
    {
        var stream = new YamlStream();
        try
        {
            // The event parser keeps its own stack; the node model recurses, so depth is checked before it is built.
            if (TooDeep(text) is { } line) return (null, $"line {line}: nested deeper than {MaxDepth} levels");
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return (null, $"line {e.Start.Line}: {e.Message}");
        }

        if (stream.Documents.Count != 1) return (null, stream.Documents.Count == 0 ? "empty file" : "multi-document rule collections are not supported");
        if (stream.Documents[0].RootNode is not YamlMappingNode root) return (null, "a rule must be a mapping");
        string? title = Scalar(root, "title");
        if (string.IsNullOrEmpty(title)) return (null, "missing title");
        if (Child(root, "correlation") is not null) return (null, "correlation rules are not supported (no detection to evaluate per event)");
        if (Child(root, "filter") is not null) return (null, "filter documents are not supported (no detection to evaluate per event)");
        if (Child(root, "detection") is not YamlMappingNode detection) return (null, "missing detection");
        if (Child(root, "logsource") is not YamlMappingNode logsource) return (null, "missing logsource");
        string? condition = Child(detection, "condition") switch
        {
            YamlScalarNode s => s.Value,
            YamlSequenceNode { Children.Count: 1 } seq => (seq.Children[0] as YamlScalarNode)?.Value,
            YamlSequenceNode => null,
            _ => null,
        };
        if (condition is null) return (null, "detection.condition missing, or a list of several conditions (not supported)");

        var selections = new Dictionary<string, SigmaSelection>(StringComparer.Ordinal);
        foreach (var (k, v) in detection.Children)
        {
            string name = (k as YamlScalarNode)?.Value ?? string.Empty;
            if (name is "condition" or "timeframe") continue;
            var (selection, error) = Selection(v, modifiersUsed);
            if (selection is null) return (null, $"detection.{name}: {error}");
            selections[name] = selection;
        }

        var parsed = SigmaCondition.Parse(condition, selections.Keys, out string? conditionError);
        if (parsed is null) return (null, conditionError);
        var techniques = (Child(root, "tags") as YamlSequenceNode)?.Children.OfType<YamlScalarNode>()
            .Select(t => t.Value ?? string.Empty)
            .Where(t => t.StartsWith("attack.t", StringComparison.OrdinalIgnoreCase) && t.Length > 8 && char.IsAsciiDigit(t[8]))
            .Select(t => t[7..].ToUpperInvariant()).ToList() ?? [];
        string category = Scalar(logsource, "category") ?? Scalar(logsource, "product") ?? Scalar(logsource, "service") ?? string.Empty;
        return (new SigmaRule(file, Scalar(root, "id") ?? file, title, Scalar(root, "level") ?? "medium", category, techniques, selections, parsed), null);
    }

    private static (SigmaSelection? Selection, string? Error) Selection(YamlNode node, Dictionary<string, int>? modifiersUsed)
    {
        switch (node)
        {
            case YamlMappingNode map:
            {
                var (matchers, error) = Matchers(map, modifiersUsed);
                return matchers is null ? (null, error) : (new SigmaSelection([matchers], [], []), null);
            }

            case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
            {
                var values = seq.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList();
                return (Keywords(values), null);
            }

            case YamlSequenceNode seq when seq.Children.All(c => c is YamlMappingNode):
            {
                var alternatives = new List<IReadOnlyList<SigmaValueMatcher>>();
                foreach (YamlMappingNode m in seq.Children.Cast<YamlMappingNode>())
                {
                    var (matchers, error) = Matchers(m, modifiersUsed);
                    if (matchers is null) return (null, error);
                    alternatives.Add(matchers);
                }

                return (new SigmaSelection(alternatives, [], []), null);
            }

            case YamlScalarNode s:
                return (Keywords([s.Value ?? string.Empty]), null);
            default:
                return (null, "a search must be a map, a list of maps or a list of keywords");
        }
    }

    // Keywords match anywhere in the event, case-insensitively, like contains on every field.
    private static SigmaSelection Keywords(IReadOnlyList<string> values) => new(
        [], [.. values.Select(v => Wildcard.Compile("*" + v + "*", StringComparison.OrdinalIgnoreCase))], [.. values.Select(SigmaValueMatcher.Needle)]);

    private static (IReadOnlyList<SigmaValueMatcher>? Matchers, string? Error) Matchers(YamlMappingNode map, Dictionary<string, int>? modifiersUsed)
    {
        var list = new List<SigmaValueMatcher>();
        foreach (var (k, v) in map.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? string.Empty;
            foreach (string m in key.Split('|').Skip(1))
            {
                if (modifiersUsed is not null) modifiersUsed[m] = modifiersUsed.GetValueOrDefault(m) + 1;
            }

            List<string?> values;
            switch (v)
            {
                case YamlScalarNode s:
                    values = [ScalarText(s)];
                    break;
                case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
                    values = [.. seq.Children.Cast<YamlScalarNode>().Select(ScalarText)];
                    break;
                default:
                    return (null, $"field '{key}': nested maps or lists of lists are not supported");
            }

            var matcher = SigmaValueMatcher.Compile(key, values, out string? error);
            if (matcher is null) return (null, $"field '{key}': {error}");
            list.Add(matcher);
        }

        return (list, null);
    }

    private static string? ScalarText(YamlScalarNode s) =>
        s.Style == ScalarStyle.Plain && (s.Value is null || s.Value is "null" or "~" || s.Value.Length == 0) ? null : s.Value;

    private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value?.ToString(CultureInfo.InvariantCulture);
}
