using System.Text.Json;

namespace Ensuresec.Integrity.Components.Discovery;

/// <summary>Components of composer.lock (packages and packages-dev) and package-lock.json (lockfileVersion 1, 2 and 3).</summary>
internal static class LockFileReader
{
    private const long MaxBytes = 128 * 1024 * 1024;

    public static (List<Component> Components, List<string> Errors) ComposerLock(string path) => Read(path, (root, list, errors) =>
    {
        foreach (string section in (string[])["packages", "packages-dev"])
        {
            if (!root.TryGetProperty(section, out var packages)) continue;
            if (packages.ValueKind != JsonValueKind.Array) { errors.Add($"{path}: {section} must be an array"); continue; }
            int i = 0;
            foreach (var p in packages.EnumerateArray())
            {
                string at = $"{section}[{i++}]";
                string? name = Str(p, "name"), version = Str(p, "version");
                if (name is null || version is null) { errors.Add($"{path}: {at}: needs name and version"); continue; }
                list.Add(new Component("Packagist", name.ToLowerInvariant(), version, $"{path}#{at}"));
            }
        }
    });

    public static (List<Component> Components, List<string> Errors) PackageLock(string path) => Read(path, (root, list, errors) =>
    {
        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            // lockfileVersion 2 and 3: "node_modules/a/node_modules/@s/b": { "version": ... }
            foreach (var p in packages.EnumerateObject())
            {
                if (p.Name.Length == 0 || p.Value.ValueKind != JsonValueKind.Object) continue; // "" is the project itself
                int idx = p.Name.LastIndexOf("node_modules/", StringComparison.Ordinal);
                if (idx < 0) continue; // a workspace folder, not an installed package
                if (p.Value.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.True) continue;
                string name = Str(p.Value, "name") ?? p.Name[(idx + "node_modules/".Length)..];
                if (Str(p.Value, "version") is { } version) list.Add(new Component("npm", name, version, $"{path}#packages[\"{p.Name}\"]"));
                else errors.Add($"{path}: packages[\"{p.Name}\"]: no version");
            }

            return;
        }

        if (root.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object) Walk(deps, "dependencies", path, list, errors, 0);
    });

    private static void Walk(JsonElement deps, string at, string path, List<Component> list, List<string> errors, int depth)
    {
        if (depth > 64) { errors.Add($"{path}: {at}: nested deeper than 64 levels"); return; }
        foreach (var d in deps.EnumerateObject())
        {
            if (d.Value.ValueKind != JsonValueKind.Object) { errors.Add($"{path}: {at}.{d.Name}: not an object"); continue; }
            if (Str(d.Value, "version") is { } version) list.Add(new Component("npm", d.Name, version, $"{path}#{at}.{d.Name}"));
            if (d.Value.TryGetProperty("dependencies", out var nested) && nested.ValueKind == JsonValueKind.Object) Walk(nested, $"{at}.{d.Name}.dependencies", path, list, errors, depth + 1);
        }
    }

    private static (List<Component>, List<string>) Read(string path, Action<JsonElement, List<Component>, List<string>> read)
    {
        var list = new List<Component>();
        var errors = new List<string>();
        try
        {
            if (new FileInfo(path).Length > MaxBytes) return (list, [$"{path}: larger than {MaxBytes} bytes"]);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 256 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (list, [$"{path}: not a JSON object"]);
            read(doc.RootElement, list, errors);
        }
        catch (JsonException ex)
        {
            errors.Add($"{path}: invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{path}: {ex.Message}");
        }

        return (list, errors);
    }

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
