using System.Globalization;
using System.Text.Json;

namespace Ensuresec.Integrity.Pages;

/// <summary>
/// The versioned inventory of the watched pages (PCI DSS 6.4.3): every distinct state seen is a numbered version,
/// pending until an analyst accepts or rejects it; changes are judged against the last accepted version (or the
/// first one seen, before any is accepted). Kept as one JSON file, replaced atomically.
/// </summary>
internal sealed class PageInventory
{
    private const int MaxVersionsPerPage = 100;
    private readonly string _path;
    private readonly Dictionary<string, List<InventoryVersion>> _pages = new(StringComparer.Ordinal);

    private PageInventory(string path) => _path = path;

    public IReadOnlyDictionary<string, List<InventoryVersion>> Pages => _pages;

    public static (PageInventory? Inventory, string? Error) Open(string folder)
    {
        Directory.CreateDirectory(folder);
        var inventory = new PageInventory(Path.Combine(folder, "pages.json"));
        if (!File.Exists(inventory._path)) return (inventory, null);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(inventory._path));
            foreach (var page in doc.RootElement.GetProperty("pages").EnumerateObject())
            {
                var list = new List<InventoryVersion>();
                foreach (var v in page.Value.EnumerateArray())
                {
                    list.Add(new InventoryVersion(v.GetProperty("n").GetInt32(), v.GetProperty("status").GetString()!, v.GetProperty("decided_by").GetString(), ReadSnapshot(v.GetProperty("snapshot"))));
                }

                inventory._pages[page.Name] = list;
            }

            return (inventory, null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, $"{inventory._path}: not a readable inventory ({ex.Message})");
        }
    }

    /// <summary>Records the snapshot as a new pending version unless it equals the latest; returns the version it is.</summary>
    public InventoryVersion Record(PageSnapshot snapshot)
    {
        if (!_pages.TryGetValue(snapshot.Url, out var list)) _pages[snapshot.Url] = list = [];
        if (list.Count > 0 && list[^1].Snapshot.Fingerprint() == snapshot.Fingerprint()) return list[^1];
        var version = new InventoryVersion(list.Count == 0 ? 1 : list[^1].Number + 1, "pending", null, snapshot);
        list.Add(version);
        if (list.Count > MaxVersionsPerPage)
        {
            int oldest = list.FindIndex(v => v.Status != "accepted");
            list.RemoveAt(oldest < 0 ? 0 : oldest);
        }
        return version;
    }

    /// <summary>What changes are judged against: the last accepted version, else the first seen.</summary>
    public InventoryVersion? Reference(string url) =>
        _pages.TryGetValue(url, out var list) && list.Count > 0 ? list.LastOrDefault(v => v.Status == "accepted") ?? list[0] : null;

    /// <summary>Accepts or rejects a version (the latest when <paramref name="number"/> is null); the error says what is wrong.</summary>
    public string? Decide(string url, int? number, string status, string analyst)
    {
        if (!_pages.TryGetValue(url, out var list) || list.Count == 0) return $"{url}: not in the inventory";
        int index = number is null ? list.Count - 1 : list.FindIndex(v => v.Number == number);
        if (index < 0) return $"{url}: no version {number}";
        list[index] = list[index] with { Status = status, DecidedBy = analyst };
        return null;
    }

    public void Save()
    {
        string temp = _path + ".tmp";
        using (var stream = File.Create(temp))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("pages");
            foreach (var (url, list) in _pages.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteStartArray(url);
                foreach (var v in list)
                {
                    w.WriteStartObject();
                    w.WriteNumber("n", v.Number);
                    w.WriteString("status", v.Status);
                    w.WriteString("decided_by", v.DecidedBy);
                    w.WritePropertyName("snapshot");
                    WriteSnapshot(w, v.Snapshot);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        File.Move(temp, _path, true);
    }

    internal static void WriteSnapshot(Utf8JsonWriter w, PageSnapshot s)
    {
        w.WriteStartObject();
        w.WriteString("url", s.Url);
        w.WriteString("fetched_at", s.FetchedAt.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("status", s.Status);
        w.WriteString("csp", s.Csp);
        w.WriteBoolean("csp_report_only", s.CspReportOnly);
        w.WriteStartArray("scripts");
        foreach (var x in s.Scripts)
        {
            w.WriteStartObject();
            w.WriteString("kind", x.Kind);
            w.WriteString("src", x.Src);
            w.WriteString("origin", x.Origin);
            w.WriteString("sha256", x.Sha256);
            w.WriteString("integrity", x.Integrity);
            w.WriteNumber("length", x.Length);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("forms");
        foreach (var f in s.Forms)
        {
            w.WriteStartObject();
            w.WriteString("action", f.Action);
            w.WriteString("method", f.Method);
            w.WriteString("origin", f.Origin);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static PageSnapshot ReadSnapshot(JsonElement e) => new()
    {
        Url = e.GetProperty("url").GetString()!,
        FetchedAt = DateTimeOffset.Parse(e.GetProperty("fetched_at").GetString()!, CultureInfo.InvariantCulture),
        Status = e.GetProperty("status").GetInt32(),
        Csp = e.GetProperty("csp").GetString(),
        CspReportOnly = e.GetProperty("csp_report_only").GetBoolean(),
        Scripts = [.. e.GetProperty("scripts").EnumerateArray().Select(x => new PageScript(x.GetProperty("kind").GetString()!, x.GetProperty("src").GetString(), x.GetProperty("origin").GetString(), x.GetProperty("sha256").GetString(), x.GetProperty("integrity").GetString(), x.GetProperty("length").GetInt64()))],
        Forms = [.. e.GetProperty("forms").EnumerateArray().Select(x => new PageForm(x.GetProperty("action").GetString()!, x.GetProperty("method").GetString()!, x.GetProperty("origin").GetString()))],
    };
}

/// <summary>One version of a page in the inventory: pending, accepted or rejected, and by whom.</summary>
internal sealed record InventoryVersion(int Number, string Status, string? DecidedBy, PageSnapshot Snapshot);
