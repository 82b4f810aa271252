using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Server.Ledger;

/// <summary>
/// Which leaf holds which record: id → (type, leaf index, entry hash), for the lookup endpoint and to append each
/// finding once and each incident version once. Kept in index.jsonl next to the log; the log is the source of truth,
/// so on open the entries the file has not seen yet (a crash after an append) are read back from the log.
/// </summary>
internal sealed class LedgerIndex : IDisposable
{
    public const string FileName = "index.jsonl";
    private readonly Dictionary<string, List<LedgerRecord>> _byId = new(StringComparer.Ordinal);
    private readonly StreamWriter _file;

    private LedgerIndex(StreamWriter file) => _file = file;

    /// <summary>Entries indexed so far (the next index to expect).</summary>
    public ulong Covered { get; private set; }

    public static LedgerIndex Open(string folder, ITileSource log, ulong logSize)
    {
        string path = Path.Combine(folder, FileName);
        var loaded = new List<LedgerRecord>();
        if (File.Exists(path))
        {
            foreach (string line in File.ReadLines(path))
            {
                // A torn last line (crash while writing) is skipped; its entry is re-read from the log below.
                if (TryParseLine(line) is { } record && record.Index < logSize) loaded.Add(record);
            }
        }

        var index = new LedgerIndex(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)));
        foreach (var r in loaded) index.Add(r, persist: false);
        for (ulong bundle = index.Covered / TilePaths.Width; index.Covered < logSize; bundle++)
        {
            int width = (int)Math.Min(TilePaths.Width, logSize - (bundle * TilePaths.Width));
            var bytes = TileReads.ReadBundle(log, bundle, width) ?? throw new LedgerDataException($"{TilePaths.Bundle(bundle, width)} is missing");
            var entries = EntryBundle.Parse(bytes, bundle * TilePaths.Width);
            if (!entries.Ok) throw new LedgerDataException(entries.Error);
            for (int i = 0; i < entries.Value.Count; i++)
            {
                ulong at = (bundle * TilePaths.Width) + (ulong)i;
                if (at < index.Covered) continue;
                index.Add(Describe(entries.Value[i], at), persist: true);
            }
        }

        index._file.Flush();
        return index;
    }

    public IReadOnlyList<LedgerRecord> Lookup(string id) => _byId.TryGetValue(id, out var list) ? list : [];

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>The hash of the last entry recorded under this id (to skip an unchanged incident).</summary>
    public string? LastHash(string id) => _byId.TryGetValue(id, out var list) ? list[^1].EntryHash : null;

    public void Add(LedgerRecord record, bool persist)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Id.Length > 0)
        {
            if (!_byId.TryGetValue(record.Id, out var list)) _byId[record.Id] = list = [];
            list.Add(record);
        }

        Covered = Math.Max(Covered, record.Index + 1);
        if (!persist) return;
        _file.Write(JsonSerializer.Serialize(new IndexLine(record.Type, record.Id, record.Index, record.EntryHash), IndexJson.Default.IndexLine));
        _file.Write('\n');
    }

    public void Flush() => _file.Flush();

    /// <summary>The type and id an entry declares (both empty when it is not a JSON object with them).</summary>
    public static LedgerRecord Describe(byte[] entry, ulong index)
    {
        string hash = Convert.ToBase64String(SHA256.HashData(entry));
        try
        {
            using var doc = JsonDocument.Parse(entry);
            var root = doc.RootElement;
            string type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
            string id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : string.Empty;
            return new LedgerRecord(type, id, index, hash);
        }
        catch (JsonException)
        {
            return new LedgerRecord(string.Empty, string.Empty, index, hash);
        }
    }

    public void Dispose() => _file.Dispose();

    private static LedgerRecord? TryParseLine(string line)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(line, IndexJson.Default.IndexLine);
            return parsed is null ? null : new LedgerRecord(parsed.T ?? string.Empty, parsed.I ?? string.Empty, parsed.N, parsed.H ?? string.Empty);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One ledger entry of a record: its type ("finding", "incident", …), id, leaf index and SHA-256 (base64).</summary>
internal sealed record LedgerRecord(string Type, string Id, ulong Index, string EntryHash);

internal sealed record IndexLine(string? T, string? I, ulong N, string? H);

[System.Text.Json.Serialization.JsonSerializable(typeof(IndexLine))]
internal sealed partial class IndexJson : System.Text.Json.Serialization.JsonSerializerContext;
