using System.Globalization;
using Ensuresec.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Physical.Assets;

/// <summary>
/// Typed reads from an asset map's YAML tree that record every problem with file, line, column and key path and go
/// on, so one run reports them all. The parse refuses, before building any tree, what could make a small file
/// expensive: nesting deeper than <see cref="MaxDepth"/>, anchors and aliases, several documents.
/// </summary>
internal sealed class AssetYaml(string file, List<AssetMapError> errors)
{
    /// <summary>A map nests four levels (sites, a site, its position); anything much deeper is a mistake or an attack.</summary>
    public const int MaxDepth = 8;

    public const int MaxIdLength = 200;

    public List<AssetMapError> Errors { get; } = errors;

    public YamlNode? Parse(string text)
    {
        var root = GuardedYaml.Parse(text, MaxDepth, "an asset map", out var problem);
        if (problem is not null) Errors.Add(new AssetMapError(file, problem.Line, problem.Column, "(syntax)", problem.Reason));
        return root;
    }

    public void Error(YamlNode node, string path, string reason) => Add(node.Start, path, reason);

    private void Add(Mark mark, string path, string reason) => Errors.Add(new AssetMapError(file, Clamp(mark.Line), Clamp(mark.Column), path, reason));

    private static int Clamp(long v) => v > int.MaxValue ? int.MaxValue : (int)v;

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>A mapping's keys and values, reporting keys outside <paramref name="known"/>; null when not a mapping.</summary>
    public Dictionary<string, YamlNode>? Mapping(YamlNode node, string path, IReadOnlyCollection<string> known)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, path.Length == 0 ? "(root)" : path, $"expected a mapping with keys ({string.Join(", ", known)})");
            return null;
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(key)) Error(keyNode, Join(path, Printable(key)), $"unknown key (known here: {string.Join(", ", known)})");
            else if (!result.TryAdd(key, value)) Error(keyNode, Join(path, key), "key given twice");
        }

        return result;
    }

    /// <summary>An id or reference: one line of text without control characters, at most <see cref="MaxIdLength"/> characters.</summary>
    public string? Id(Dictionary<string, YamlNode> map, string path, string key, YamlNode owner, bool required)
    {
        if (!map.TryGetValue(key, out var node))
        {
            if (required) Error(owner, Join(path, key), "required");
            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } v } && v.Length <= MaxIdLength && v.Trim().Length == v.Length && !v.Any(char.IsControl)) return v;
        Error(node, Join(path, key), $"expected an id (one line of 1-{MaxIdLength} characters, no surrounding spaces)");
        return null;
    }

    /// <summary>One word out of <paramref name="allowed"/>, or <paramref name="fallback"/> when absent.</summary>
    public string? Choice(Dictionary<string, YamlNode> map, string path, string key, IReadOnlyList<string> allowed, string? fallback)
    {
        if (!map.TryGetValue(key, out var node)) return fallback;
        if (node is YamlScalarNode { Value: { } v } && allowed.Contains(v, StringComparer.Ordinal)) return v;
        Error(node, Join(path, key), $"expected one of: {string.Join(", ", allowed)}");
        return null;
    }

    public double? Number(Dictionary<string, YamlNode> map, string path, string key, double? fallback, double min, double max)
    {
        if (!map.TryGetValue(key, out var node)) return fallback;
        return Number(node, Join(path, key), min, max);
    }

    public double? Number(YamlNode node, string path, double min, double max) =>
        Number((node as YamlScalarNode)?.Value, node, path, min, max);

    /// <summary>A number from <paramref name="text"/>, errors placed at <paramref name="at"/>.</summary>
    public double? Number(string? text, YamlNode at, string path, double min, double max)
    {
        var node = at;
        if (text is { Length: <= 40 }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value))
        {
            if (value >= min && value <= max) return value;
            Error(node, path, string.Create(CultureInfo.InvariantCulture, $"{value} is outside {min}..{max}"));
            return null;
        }

        Error(node, path, string.Create(CultureInfo.InvariantCulture, $"expected a number from {min} to {max}"));
        return null;
    }

    /// <summary>The items of a list with their key paths (key[0], key[1], ...); none when absent or empty.</summary>
    public IEnumerable<(YamlNode Node, string Path)> Items(Dictionary<string, YamlNode> map, string key)
    {
        if (!map.TryGetValue(key, out var node) || node is YamlScalarNode { Value: null or "" or "~" or "null" }) yield break;
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, key, "expected a list");
            yield break;
        }

        for (int i = 0; i < sequence.Children.Count; i++) yield return (sequence.Children[i], $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]");
    }

    private static string Printable(string s) => s.Length > 60 || s.Any(char.IsControl) ? new string(s.Take(60).Where(c => !char.IsControl(c)).ToArray()) + "..." : s;
}
