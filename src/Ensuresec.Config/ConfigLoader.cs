using Ensuresec.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Config;

/// <summary>Reads a YAML configuration file onto an options object whose defaults stand for every key left out.</summary>
public static class ConfigLoader
{
    /// <summary>Configuration files are small; a larger file is a mistake or an attack on the parser.</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>The configuration nests a few levels (section, detector, option, list); deeper is a mistake or an attack.</summary>
    public const int MaxDepth = 32;

    /// <summary>Binds the YAML text onto <paramref name="target"/>; returns every problem found, empty when all is well.</summary>
    public static IReadOnlyList<ConfigError> Bind(object target, string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<ConfigError>();
        if (yaml.Length > MaxBytes)
        {
            errors.Add(new ConfigError(fileName, "(file)", 0, $"larger than {MaxBytes} bytes"));
            return errors;
        }

        var root = GuardedYaml.Parse(yaml, MaxDepth, "a configuration file", out var problem);
        if (problem is not null)
        {
            errors.Add(new ConfigError(fileName, "(syntax)", problem.Line, problem.Reason));
            return errors;
        }

        if (root is null) return errors;
        if (root is YamlScalarNode { Value: null or "" or "~" }) return errors;
        if (root is not YamlMappingNode mapping)
        {
            errors.Add(new ConfigError(fileName, "(root)", OptionsBinder.Line(root), "expected a mapping of keys at the top level"));
            return errors;
        }

        OptionsBinder.Bind(target, mapping, "", fileName, errors);
        return errors;
    }

    /// <summary>Reads and binds a file; a missing or unreadable file is an error naming it.</summary>
    public static IReadOnlyList<ConfigError> BindFile(object target, string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return [new ConfigError(path, "(file)", 0, "not found")];
        if (info.Length > MaxBytes) return [new ConfigError(path, "(file)", 0, $"larger than {MaxBytes} bytes")];
        string text;
        try
        {
            text = File.ReadAllText(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return [new ConfigError(path, "(file)", 0, ex is System.Text.DecoderFallbackException ? "not valid UTF-8" : ex.Message)];
        }

        return Bind(target, text, path);
    }
}
