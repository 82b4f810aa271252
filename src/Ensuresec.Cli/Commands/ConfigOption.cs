using System.CommandLine;
using Ensuresec.Config;

namespace Ensuresec.Cli.Commands;

/// <summary>The --config option every command shares, and the loading rule: the named file, else ./ensuresec.yaml if present, else defaults.</summary>
internal static class ConfigOption
{
    public const string DefaultFile = "ensuresec.yaml";

    public static Option<string?> Create() => new("--config")
    {
        Description = $"Configuration file (YAML). Default: ./{DefaultFile} when it exists, otherwise built-in defaults.",
    };

    /// <summary>Loads and validates; on any error writes them all to stderr and returns null.</summary>
    public static EnsuresecConfig? Load(string? path, TextWriter stderr)
    {
        var config = new EnsuresecConfig();
        string? file = path ?? (File.Exists(DefaultFile) ? DefaultFile : null);
        if (file is null) return config;
        var errors = ConfigLoader.BindFile(config, file).Select(e => e.ToString()).ToList();
        if (errors.Count == 0) errors.AddRange(config.Validate().Select(e => $"{file}: {e}"));
        if (errors.Count == 0) return config;
        foreach (string e in errors) stderr.WriteLine($"configuration error: {e}");
        return null;
    }
}
