using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Response.Connectors;
using Ensuresec.Response.Execution;

namespace Ensuresec.Response;

/// <summary>
/// The response settings: connectors, the auto-run policy, limits and the CACAO schemas folder. Read from
/// response.json in the data folder (or a given file); every error names the file and the field.
/// </summary>
public sealed record ResponseConfig
{
    public const string FileName = "response.json";

    public DenyListOptions? DenyList { get; init; }
    public WebhookOptions? Webhook { get; init; }
    public EmailOptions? Email { get; init; }
    public bool CommandLine { get; init; }
    public AutoRunPolicy AutoRun { get; init; } = AutoRunPolicy.Off;
    public ExecutionLimits Limits { get; init; } = ExecutionLimits.Default;
    public string? Schemas { get; init; }

    /// <summary>The connectors this configuration enables (manual always).</summary>
    public IReadOnlyList<ICommandConnector> Connectors(HttpClient http, TimeProvider time)
    {
        var list = new List<ICommandConnector> { new ManualConnector() };
        if (DenyList is not null) list.Add(new DenyListConnector(DenyList));
        if (Webhook is not null) list.Add(new WebhookConnector(Webhook, http, time));
        if (Email is not null) list.Add(new EmailConnector(Email));
        if (CommandLine) list.Add(new CommandLineConnector(Limits.CommandTimeout));
        return list;
    }

    /// <summary>Reads the file; a missing file is the default configuration (manual commands only).</summary>
    public static (ResponseConfig? Config, string? Error) Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) return (new ResponseConfig(), null);
        try
        {
            if (new FileInfo(path).Length > 1024 * 1024) return (null, $"{path}: larger than 1 MiB");
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Parse(doc.RootElement, path);
        }
        catch (JsonException e)
        {
            return (null, $"{path}: not valid JSON at line {(e.LineNumber ?? 0) + 1}: {e.Message}");
        }
        catch (IOException e)
        {
            return (null, $"{path}: {e.Message}");
        }
    }

    internal static (ResponseConfig? Config, string? Error) Parse(JsonElement root, string path)
    {
        var r = new FieldReader(path);
        if (root.ValueKind != JsonValueKind.Object) return (null, $"{path}: expected a JSON object");
        var config = new ResponseConfig();
        if (r.Object(root, "deny_list") is { } deny)
        {
            config = config with
            {
                DenyList = new DenyListOptions
                {
                    FilePath = r.Text(deny, "deny_list.file", required: true) ?? "",
                    TestCommand = r.Strings(deny, "deny_list.test_command"),
                    ReloadCommand = r.Strings(deny, "deny_list.reload_command"),
                },
            };
        }

        if (r.Object(root, "webhook") is { } hook)
        {
            string? secret = r.Text(hook, "webhook.secret");
            if (r.Text(hook, "webhook.secret_env") is { } env) secret = Environment.GetEnvironmentVariable(env) ?? secret;
            var urls = r.Strings(hook, "webhook.allowed_urls");
            if (urls.Count == 0) r.Fail("webhook.allowed_urls", "list at least one URL prefix");
            if (urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var x) || x.Scheme is not ("http" or "https"))) r.Fail("webhook.allowed_urls", "each must be an absolute http(s) URL");
            if (string.IsNullOrEmpty(secret) || secret.Length < 16) r.Fail("webhook.secret", "required, at least 16 characters (or name an environment variable in secret_env)");
            config = config with { Webhook = new WebhookOptions { AllowedUrls = urls, Secret = secret ?? "" } };
        }

        if (r.Object(root, "email") is { } mail)
        {
            config = config with
            {
                Email = new EmailOptions
                {
                    Host = r.Text(mail, "email.host", required: true) ?? "",
                    Port = r.Int(mail, "email.port", 25, 1, 65535),
                    From = r.Text(mail, "email.from", required: true) ?? "",
                    UseTls = r.Bool(mail, "email.tls", true),
                },
            };
        }

        if (r.Object(root, "command_line") is { } cl) config = config with { CommandLine = r.Bool(cl, "command_line.enabled", false) };
        if (r.Object(root, "auto_run") is { } auto)
        {
            string min = r.Text(auto, "auto_run.min_severity") ?? "high";
            if (!SeverityNames.TryParse(min, out var severity)) r.Fail("auto_run.min_severity", $"'{min}' is not info|low|medium|high|critical");
            config = config with { AutoRun = new AutoRunPolicy(r.Strings(auto, "auto_run.mitigations"), severity) };
        }

        if (r.Object(root, "limits") is { } limits)
        {
            config = config with
            {
                Limits = new ExecutionLimits
                {
                    MaxSteps = r.Int(limits, "limits.max_steps", 1000, 1, 100_000),
                    MaxLoopIterations = r.Int(limits, "limits.max_loop_iterations", 100, 1, 10_000),
                    MaxDuration = TimeSpan.FromSeconds(r.Int(limits, "limits.max_duration_seconds", 300, 1, 86_400)),
                    CommandTimeout = TimeSpan.FromSeconds(r.Int(limits, "limits.command_timeout_seconds", 30, 1, 3600)),
                    MaxParallelCommands = r.Int(limits, "limits.max_parallel_commands", 4, 1, 64),
                },
            };
        }

        config = config with { Schemas = r.Text(root, "schemas") };
        return r.Error is null ? (config, null) : (null, r.Error);
    }

    private sealed class FieldReader(string path)
    {
        public string? Error { get; private set; }

        public void Fail(string field, string message) => Error ??= $"{path}: {field}: {message}";

        public JsonElement? Object(JsonElement owner, string name)
        {
            if (!owner.TryGetProperty(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Object) return v;
            Fail(name, "must be an object");
            return null;
        }

        public string? Text(JsonElement owner, string field, bool required = false)
        {
            string name = field[(field.LastIndexOf('.') + 1)..];
            if (!owner.TryGetProperty(name, out var v))
            {
                if (required) Fail(field, "required");
                return null;
            }

            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            Fail(field, "must be a string");
            return null;
        }

        public List<string> Strings(JsonElement owner, string field)
        {
            string name = field[(field.LastIndexOf('.') + 1)..];
            if (!owner.TryGetProperty(name, out var v)) return [];
            if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String)) return v.EnumerateArray().Select(x => x.GetString()!).ToList();
            Fail(field, "must be an array of strings");
            return [];
        }

        public int Int(JsonElement owner, string field, int fallback, int min, int max)
        {
            string name = field[(field.LastIndexOf('.') + 1)..];
            if (!owner.TryGetProperty(name, out var v)) return fallback;
            if (v.TryGetInt32(out int i) && i >= min && i <= max) return i;
            Fail(field, $"must be an integer from {min} to {max}");
            return fallback;
        }

        public bool Bool(JsonElement owner, string field, bool fallback)
        {
            string name = field[(field.LastIndexOf('.') + 1)..];
            if (!owner.TryGetProperty(name, out var v)) return fallback;
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            Fail(field, "must be true or false");
            return fallback;
        }
    }
}
