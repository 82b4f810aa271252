using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Ensuresec.Integrity.Components.Osv;

/// <summary>
/// Reads OSV records from a .json file (one record or an array), a folder of them, or a .zip export (as
/// osv.dev publishes per ecosystem). A bad record is reported with its file and field and skipped; the rest load.
/// </summary>
internal static class OsvParser
{
    private const long MaxRecordBytes = 16 * 1024 * 1024;

    public static (List<OsvAdvisory> Advisories, List<string> Errors) Load(string path)
    {
        var advisories = new List<OsvAdvisory>();
        var errors = new List<string>();
        if (Directory.Exists(path))
        {
            foreach (string file in Common.TreeWalker.Files(path, (p, m) => errors.Add($"{p}: {m}")).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                LoadFile(file, advisories, errors);
            }
        }
        else if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
        {
            try
            {
                using var zip = ZipFile.OpenRead(path);
                foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
                {
                    if (entry.Length > MaxRecordBytes) { errors.Add($"{path}!{entry.FullName}: larger than {MaxRecordBytes} bytes; skipped"); continue; }
                    using var stream = entry.Open();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    Parse(buffer.ToArray(), $"{path}!{entry.FullName}", advisories, errors);
                }
            }
            catch (InvalidDataException ex)
            {
                errors.Add($"{path}: not a readable zip ({ex.Message})");
            }
        }
        else if (File.Exists(path))
        {
            LoadFile(path, advisories, errors);
        }
        else
        {
            errors.Add($"{path}: no such file or folder");
        }

        return (advisories, errors);
    }

    private static void LoadFile(string file, List<OsvAdvisory> advisories, List<string> errors)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxRecordBytes * 8) { errors.Add($"{file}: larger than {MaxRecordBytes * 8} bytes; skipped"); return; }
            Parse(File.ReadAllBytes(file), file, advisories, errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{file}: {ex.Message}");
        }
    }

    public static void Parse(byte[] json, string source, List<OsvAdvisory> advisories, List<string> errors)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = false });
            if (doc.RootElement.ValueKind == JsonValueKind.Array)
            {
                int i = 0;
                foreach (var item in doc.RootElement.EnumerateArray()) Add(item, $"{source}[{i++}]", advisories, errors);
            }
            else
            {
                Add(doc.RootElement, source, advisories, errors);
            }
        }
        catch (JsonException ex)
        {
            errors.Add($"{source}: invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}");
        }
    }

    private static void Add(JsonElement e, string source, List<OsvAdvisory> advisories, List<string> errors)
    {
        var (advisory, error) = Read(e, source);
        if (advisory is not null) advisories.Add(advisory);
        else errors.Add(error!);
    }

    public static (OsvAdvisory? Advisory, string? Error) Read(JsonElement e, string source)
    {
        if (e.ValueKind != JsonValueKind.Object) return (null, $"{source}: a record must be a JSON object");
        string? id = Str(e, "id");
        if (string.IsNullOrWhiteSpace(id)) return (null, $"{source}: 'id' is missing");
        string where = $"{source} ({id})";
        DateTimeOffset? withdrawn = null;
        if (Str(e, "withdrawn") is { } w)
        {
            if (!DateTimeOffset.TryParse(w, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wt)) return (null, $"{where}: 'withdrawn' is not a time");
            withdrawn = wt;
        }

        if (!e.TryGetProperty("affected", out var affectedArray) || affectedArray.ValueKind == JsonValueKind.Null)
        {
            return (null, $"{where}: 'affected' is missing: the record names no package");
        }

        if (affectedArray.ValueKind != JsonValueKind.Array) return (null, $"{where}: 'affected' must be an array");
        var affected = new List<OsvAffected>();
        int i = 0;
        foreach (var a in affectedArray.EnumerateArray())
        {
            string at = $"{where}: affected[{i++}]";
            if (a.ValueKind != JsonValueKind.Object) return (null, $"{at}: must be an object");
            var ranges = new List<OsvRange>();
            if (a.TryGetProperty("ranges", out var rangeArray) && rangeArray.ValueKind == JsonValueKind.Array)
            {
                int r = 0;
                foreach (var range in rangeArray.EnumerateArray())
                {
                    string rat = $"{at}.ranges[{r++}]";
                    string? type = Str(range, "type");
                    if (type is not ("SEMVER" or "ECOSYSTEM" or "GIT")) return (null, $"{rat}.type: '{type}' is not SEMVER, ECOSYSTEM or GIT");
                    if (!range.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array || events.GetArrayLength() == 0)
                    {
                        return (null, $"{rat}.events: missing or empty");
                    }

                    var list = new List<OsvEvent>();
                    foreach (var ev in events.EnumerateArray())
                    {
                        if (ev.ValueKind != JsonValueKind.Object) return (null, $"{rat}.events: an event must be an object");
                        var props = ev.EnumerateObject().ToList();
                        if (props.Count != 1 || props[0].Value.ValueKind != JsonValueKind.String || props[0].Name is not ("introduced" or "fixed" or "last_affected" or "limit"))
                        {
                            return (null, $"{rat}.events: each event has exactly one of introduced, fixed, last_affected, limit");
                        }

                        list.Add(new OsvEvent(props[0].Name, props[0].Value.GetString()!));
                    }

                    if (!list.Exists(x => x.Kind == "introduced")) return (null, $"{rat}.events: no 'introduced' event");
                    ranges.Add(new OsvRange(type, list));
                }
            }

            if (!a.TryGetProperty("package", out var package) || package.ValueKind != JsonValueKind.Object)
            {
                continue; // OSV allows affected entries without a package (commit ranges only): nothing to match by name
            }

            string? ecosystem = Str(package, "ecosystem");
            string? name = Str(package, "name");
            if (string.IsNullOrEmpty(ecosystem) || string.IsNullOrEmpty(name)) return (null, $"{at}.package: needs ecosystem and name");
            var versions = a.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : [];
            string? dbSeverity = a.TryGetProperty("database_specific", out var db) && db.ValueKind == JsonValueKind.Object ? Str(db, "severity") : null;
            affected.Add(new OsvAffected(ecosystem, name, ranges, versions, Severities(a), dbSeverity));
        }

        if (affected.Count == 0)
        {
            return (null, i == 0 ? $"{where}: 'affected' cannot be empty: the record names no package" : $"{where}: no affected entry names a package (commit ranges only); nothing to match by name");
        }
        var aliases = e.TryGetProperty("aliases", out var al) && al.ValueKind == JsonValueKind.Array
            ? al.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        string? topDb = e.TryGetProperty("database_specific", out var tdb) && tdb.ValueKind == JsonValueKind.Object ? Str(tdb, "severity") : null;
        if (topDb is not null) affected = [.. affected.Select(x => x.DatabaseSeverity is null ? x with { DatabaseSeverity = topDb } : x)];
        return (new OsvAdvisory { Id = id, Summary = Str(e, "summary"), Aliases = aliases, Withdrawn = withdrawn, Severity = Severities(e), Affected = affected, Source = source }, null);
    }

    private static List<(string, string)> Severities(JsonElement e)
    {
        var list = new List<(string, string)>();
        if (!e.TryGetProperty("severity", out var s) || s.ValueKind != JsonValueKind.Array) return list;
        foreach (var item in s.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && Str(item, "type") is { } type && Str(item, "score") is { } score) list.Add((type, score));
        }

        return list;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
