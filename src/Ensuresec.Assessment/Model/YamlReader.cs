using System.Globalization;
using Ensuresec.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Assessment.Model;

/// <summary>
/// Typed reads from a YAML tree that record every problem with its file, line, column and key path, and go on
/// so that one run reports them all. Callers get a default value for anything wrong.
/// </summary>
internal sealed class YamlReader
{
    /// <summary>Models nest a few levels; anything deeper is a mistake or an attack on the parser.</summary>
    public const int MaxDepth = 32;

    public const int MaxTextLength = 2_000;

    private readonly string _file;

    public YamlReader(string file, List<ModelError> errors)
    {
        _file = file;
        Errors = errors;
    }

    public List<ModelError> Errors { get; }

    /// <summary>Parses the text; syntax errors, nesting deeper than <see cref="MaxDepth"/>, anchors and aliases are refused before the tree is built.</summary>
    public YamlNode? Parse(string text)
    {
        var root = GuardedYaml.Parse(text, MaxDepth, "a model", out var problem);
        if (problem is not null) Errors.Add(new ModelError(_file, problem.Line, problem.Column, "(syntax)", problem.Reason));
        return root;
    }

    public void Error(YamlNode node, string path, string reason) => Add(node.Start, path, reason);

    public void Error(SourceMark mark, string reason) => Errors.Add(new ModelError(_file, mark.Line, mark.Column, mark.KeyPath, reason));

    private void Add(Mark mark, string path, string reason) =>
        Errors.Add(new ModelError(_file, Clamp(mark.Line), Clamp(mark.Column), path, reason));

    public static SourceMark MarkOf(YamlNode node, string path) => new(Clamp(node.Start.Line), Clamp(node.Start.Column), path);

    private static int Clamp(long v) => v > int.MaxValue ? int.MaxValue : (int)v;

    /// <summary>A mapping's keys and values, reporting keys outside <paramref name="known"/>; null when not a mapping.</summary>
    public Dictionary<string, YamlNode>? Mapping(YamlNode node, string path, IReadOnlyCollection<string> known)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, path, $"expected a mapping with keys ({string.Join(", ", known)})");
            return null;
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            string keyPath = Join(path, key);
            if (!known.Contains(key))
            {
                Error(keyNode, keyPath, $"unknown key (known here: {string.Join(", ", known)})");
                continue;
            }

            if (!result.TryAdd(key, value)) Error(keyNode, keyPath, "key given twice");
        }

        return result;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public string? Text(Dictionary<string, YamlNode> map, string path, string key, bool required = false, int maxLength = MaxTextLength)
    {
        if (!map.TryGetValue(key, out var node))
        {
            if (required) Errors.Add(new ModelError(_file, 0, 0, Join(path, key), "required"));
            return null;
        }

        if (node is not YamlScalarNode { Value: { } value })
        {
            Error(node, Join(path, key), "expected text");
            return null;
        }

        if (value.Length > maxLength)
        {
            Error(node, Join(path, key), $"longer than {maxLength} characters");
            return null;
        }

        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            Error(node, Join(path, key), "contains control characters");
            return null;
        }

        return value;
    }

    /// <summary>A name or id: required text, not blank, at most 100 characters.</summary>
    public string? Name(Dictionary<string, YamlNode> map, string path, string key, YamlNode owner)
    {
        if (!map.ContainsKey(key))
        {
            Error(owner, Join(path, key), "required");
            return null;
        }

        string? value = Text(map, path, key, maxLength: 100);
        if (value is null) return null;
        if (value.Trim().Length == 0 || value.Contains('\n', StringComparison.Ordinal))
        {
            Error(map[key], Join(path, key), "must be one line of text, not blank");
            return null;
        }

        return value;
    }

    public bool Bool(Dictionary<string, YamlNode> map, string path, string key, bool fallback)
    {
        if (!map.TryGetValue(key, out var node)) return fallback;
        if (node is YamlScalarNode { Value: "true" or "yes" or "True" }) return true;
        if (node is YamlScalarNode { Value: "false" or "no" or "False" }) return false;
        Error(node, Join(path, key), "expected true or false");
        return fallback;
    }

    public double Number(Dictionary<string, YamlNode> map, string path, string key, double fallback, double min, double max)
    {
        if (!map.TryGetValue(key, out var node)) return fallback;
        if (node is YamlScalarNode { Value: { } text }
            && text.Length <= 40
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value))
        {
            if (value >= min && value <= max) return value;
            Error(node, Join(path, key), string.Create(CultureInfo.InvariantCulture, $"{value} is outside {min} to {max}"));
            return fallback;
        }

        Error(node, Join(path, key), string.Create(CultureInfo.InvariantCulture, $"expected a number from {min} to {max}"));
        return fallback;
    }

    /// <summary>One word out of <paramref name="allowed"/>.</summary>
    public string? Choice(Dictionary<string, YamlNode> map, string path, string key, IReadOnlyList<string> allowed)
    {
        if (!map.TryGetValue(key, out var node)) return null;
        if (node is YamlScalarNode { Value: { } v } && allowed.Contains(v, StringComparer.Ordinal)) return v;
        Error(node, Join(path, key), $"expected one of: {string.Join(", ", allowed)}");
        return null;
    }

    /// <summary>A list of the item nodes with their key paths (key[0], key[1], ...); empty when absent.</summary>
    public IEnumerable<(YamlNode Node, string Path)> Items(Dictionary<string, YamlNode> map, string path, string key, int maxItems)
    {
        if (!map.TryGetValue(key, out var node)) yield break;
        string keyPath = Join(path, key);
        if (node is YamlScalarNode { Value: null or "" or "~" or "null" }) yield break;
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, keyPath, "expected a list");
            yield break;
        }

        if (sequence.Children.Count > maxItems)
        {
            Error(node, keyPath, $"more than {maxItems} items");
            yield break;
        }

        for (int i = 0; i < sequence.Children.Count; i++)
        {
            yield return (sequence.Children[i], $"{keyPath}[{i.ToString(CultureInfo.InvariantCulture)}]");
        }
    }

    /// <summary>A list of one-line words or names (data classes, control ids...).</summary>
    public List<string> Words(Dictionary<string, YamlNode> map, string path, string key, int maxItems = 200)
    {
        var result = new List<string>();
        foreach (var (node, itemPath) in Items(map, path, key, maxItems))
        {
            if (node is YamlScalarNode { Value: { } v } && v.Length is > 0 and <= 100 && !v.Any(char.IsControl)) result.Add(v);
            else Error(node, itemPath, "expected a name (one line, at most 100 characters)");
        }

        return result;
    }
}
