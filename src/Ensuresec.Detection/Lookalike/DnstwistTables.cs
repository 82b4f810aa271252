using System.Text.Json;

namespace Ensuresec.Detection.Lookalike;

/// <summary>
/// The homoglyph and Cyrillic tables of dnstwist (its fuzz_tables.json export: glyphs_ascii, glyphs_unicode,
/// latin_to_cyrillic), which say which look-alike characters its homoglyph and cyrillic fuzzers substitute.
/// </summary>
internal sealed class DnstwistTables
{
    public const long MaxFileBytes = 4 << 20;

    /// <summary>Look-alike replacements by original (one or two characters): ASCII and Unicode glyphs together.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Glyphs { get; }

    /// <summary>Latin letter → the Cyrillic letter that looks like it.</summary>
    public IReadOnlyDictionary<char, string> Cyrillic { get; }

    private DnstwistTables(Dictionary<string, IReadOnlyList<string>> glyphs, Dictionary<char, string> cyrillic)
    {
        Glyphs = glyphs;
        Cyrillic = cyrillic;
    }

    /// <summary>Reads the JSON tables; a missing or mistyped table throws naming the file and the table.</summary>
    public static DnstwistTables Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidDataException($"{path}: not found");
        if (info.Length > MaxFileBytes) throw new InvalidDataException($"{path}: {info.Length} bytes, at most {MaxFileBytes}");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not JSON ({ex.Message})", ex);
        }

        using (doc)
        {
            var glyphs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (string table in new[] { "glyphs_ascii", "glyphs_unicode" })
            {
                foreach (var (key, values) in Table(doc.RootElement, table, path))
                {
                    var list = glyphs.TryGetValue(key, out var had) ? had.ToList() : [];
                    list.AddRange(values.Where(v => !list.Contains(v)));
                    glyphs[key] = list;
                }
            }

            var cyrillic = new Dictionary<char, string>();
            if (!doc.RootElement.TryGetProperty("latin_to_cyrillic", out var cy) || cy.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: latin_to_cyrillic: missing or not an object");
            foreach (var p in cy.EnumerateObject())
            {
                if (p.Name.Length != 1 || p.Value.ValueKind != JsonValueKind.String || p.Value.GetString() is not { Length: > 0 } v)
                    throw new InvalidDataException($"{path}: latin_to_cyrillic.{p.Name}: must map one letter to a string");
                cyrillic[p.Name[0]] = v;
            }

            return new DnstwistTables(glyphs, cyrillic);
        }
    }

    private static IEnumerable<(string Key, List<string> Values)> Table(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var t) || t.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}: {name}: missing or not an object");
        foreach (var p in t.EnumerateObject())
        {
            if (p.Name.Length is 0 or > 4 || p.Value.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: {name}.{p.Name}: must be an array of strings");
            var values = new List<string>();
            foreach (var v in p.Value.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 and <= 8 } s) throw new InvalidDataException($"{path}: {name}.{p.Name}: must be an array of strings");
                values.Add(s);
            }

            yield return (p.Name, values);
        }
    }
}
