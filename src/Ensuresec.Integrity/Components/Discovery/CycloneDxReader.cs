using System.Text.Json;

namespace Ensuresec.Integrity.Components.Discovery;

/// <summary>
/// Components of a CycloneDX JSON BOM (spec 1.2 to 1.7): every entry of "components", nested ones included, with a
/// purl we can map; entries without a purl or version are reported and skipped. Errors name the JSON path.
/// </summary>
internal static class CycloneDxReader
{
    private const long MaxBytes = 256 * 1024 * 1024;

    public static (List<Component> Components, List<string> Errors) Read(string path)
    {
        var components = new List<Component>();
        var errors = new List<string>();
        try
        {
            if (new FileInfo(path).Length > MaxBytes) return (components, [$"{path}: larger than {MaxBytes} bytes"]);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 256 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (components, [$"{path}: a BOM must be a JSON object"]);
            if (!root.TryGetProperty("bomFormat", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != "CycloneDX")
            {
                return (components, [$"{path}: bomFormat must be \"CycloneDX\""]);
            }

            if (!root.TryGetProperty("specVersion", out var spec) || spec.ValueKind != JsonValueKind.String) errors.Add($"{path}: specVersion is missing");
            if (root.TryGetProperty("components", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array) errors.Add($"{path}: components must be an array");
                else Walk(list, "components", path, components, errors);
            }
        }
        catch (JsonException ex)
        {
            errors.Add($"{path}: invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{path}: {ex.Message}");
        }

        return (components, errors);
    }

    private static void Walk(JsonElement list, string at, string path, List<Component> components, List<string> errors)
    {
        int i = 0;
        foreach (var c in list.EnumerateArray())
        {
            string here = $"{at}[{i++}]";
            if (c.ValueKind != JsonValueKind.Object) { errors.Add($"{path}: {here}: not an object"); continue; }
            string? purl = c.TryGetProperty("purl", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            string? version = c.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (purl is not null)
            {
                var parsed = Component.FromPurl(purl);
                if (parsed is null) errors.Add($"{path}: {here}.purl: '{purl}' is not a package type we match");
                else if ((version ?? parsed.Value.Version) is not { Length: > 0 } ver) errors.Add($"{path}: {here}: no version");
                else components.Add(new Component(parsed.Value.Ecosystem, parsed.Value.Name, ver, $"{path}#{here}"));
            }

            if (c.TryGetProperty("components", out var nested) && nested.ValueKind == JsonValueKind.Array) Walk(nested, here + ".components", path, components, errors);
        }
    }
}
