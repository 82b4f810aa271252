using System.Globalization;
using System.Text.Json;

namespace Ensuresec.Integrity.Files;

/// <summary>The recorded state of a web root: the manifest that is signed and checked before any scan or restore.</summary>
internal sealed record Baseline
{
    public const int FormatVersion = 1;

    public required string Root { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required IReadOnlyDictionary<string, FileEntry> Files { get; init; }

    /// <summary>Canonical JSON bytes (entries in ordinal path order): what the signature covers.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", FormatVersion);
            w.WriteString("root", Root);
            w.WriteString("created", Created.ToString("O", CultureInfo.InvariantCulture));
            w.WriteStartArray("files");
            foreach (var e in Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("path", e.Path);
                w.WriteNumber("size", e.Size);
                w.WriteNumber("mode", e.Mode);
                w.WriteString("sha256", e.Sha256);
                w.WriteString("modified", e.Modified.ToString("O", CultureInfo.InvariantCulture));
                if (e.LinkTarget is not null) w.WriteString("link_target", e.LinkTarget);
                w.WriteBoolean("copied", e.Copied);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Parses a manifest; the error names the entry and the field.</summary>
    public static (Baseline? Baseline, string? Error) Parse(byte[] json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, $"{source}: not a JSON object");
            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != FormatVersion) return (null, $"{source}: version must be {FormatVersion}");
            if (!root.TryGetProperty("root", out var r) || r.ValueKind != JsonValueKind.String) return (null, $"{source}: 'root' missing");
            if (!root.TryGetProperty("created", out var c) || c.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(c.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)) return (null, $"{source}: 'created' missing or not a time");
            if (!root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array) return (null, $"{source}: 'files' missing");
            var map = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
            int i = 0;
            foreach (var f in files.EnumerateArray())
            {
                string where = $"{source}: files[{i++}]";
                if (f.ValueKind != JsonValueKind.Object) return (null, $"{where}: not an object");
                string? path = f.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                if (string.IsNullOrEmpty(path) || path.Contains("..", StringComparison.Ordinal) || path.StartsWith('/')) return (null, $"{where}.path: missing or not a relative path inside the root");
                if (!f.TryGetProperty("size", out var size) || !size.TryGetInt64(out long sizeValue) || sizeValue < 0) return (null, $"{where}.size: not a size");
                if (!f.TryGetProperty("mode", out var mode) || !mode.TryGetInt32(out int modeValue)) return (null, $"{where}.mode: not a number");
                string? sha = f.TryGetProperty("sha256", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                if (sha is null || sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower)) return (null, $"{where}.sha256: not a lower-case SHA-256");
                var modified = f.TryGetProperty("modified", out var m) && m.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(m.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var mt) ? mt : DateTimeOffset.MinValue;
                string? link = f.TryGetProperty("link_target", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                bool copied = f.TryGetProperty("copied", out var cp) && cp.ValueKind == JsonValueKind.True;
                map[path] = new FileEntry(path, sizeValue, modeValue, sha, modified, link, copied);
            }

            return (new Baseline { Root = r.GetString()!, Created = created, Files = map }, null);
        }
        catch (JsonException ex)
        {
            return (null, $"{source}: invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}");
        }
        catch (FormatException ex)
        {
            return (null, $"{source}: {ex.Message}");
        }
    }
}
