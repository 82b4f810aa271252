using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Json;
using Ensuresec.Ledger;
using Ensuresec.Ledger.Json;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Tiles;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Server.Ledger;

/// <summary>
/// The server's evidence ledger: every finding (once) and every incident version is appended as an RFC 8785
/// canonical JSON entry {"type", "id", "finding"|"incident"}; other records (response actions) come through
/// <see cref="AppendRecord"/>. Appends are durable before they return; concurrent callers share the log's group
/// commits (no lock is held while the disk works). Without witnesses in the policy the checkpoint is published
/// right away, otherwise by <see cref="LedgerPublisher"/>.
/// </summary>
internal sealed class EvidenceLedger : IDisposable
{
    public const int MaxRecordBytes = 60_000;
    private readonly object _lock = new();
    private readonly Lock _publishLock = new();

    // Entries being appended by some caller right now (findings by id, incidents by id and hash), so a concurrent
    // caller does not append them twice; and the next index the id index expects (entries are indexed in log order).
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private ulong _indexed;
    private readonly LedgerFolder _folder;
    private readonly TileLogWriter _writer;
    private readonly LedgerIndex _index;
    private readonly ILogger _log;

    private EvidenceLedger(LedgerFolder folder, TileLogWriter writer, LedgerIndex index, ILogger log)
    {
        _folder = folder;
        _writer = writer;
        _index = index;
        _log = log;
        _indexed = writer.Size;
    }

    public LedgerFolder Folder => _folder;

    public ulong Size
    {
        get
        {
            lock (_lock) return _writer.Size;
        }
    }

    /// <summary>Opens the ledger in <paramref name="path"/>, creating it (key, policy) the first time.</summary>
    public static EvidenceLedger Open(string path, LedgerOptions options, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        var batching = new TileLogOptions { MaxBatch = options.BatchSize, MaxDelay = options.BatchLatency };
        bool exists = File.Exists(Path.Combine(path, "log.key")) || File.Exists(Path.Combine(path, "log.vkey"));
        var folder = exists
            ? LedgerFolder.Open(path, options.SigningKey, options.WitnessPolicy, batching)
            : LedgerFolder.Init(path, options.Origin, options.SigningKey, options.WitnessPolicy);
        if (!exists && folder.Ok)
        {
            folder.Value.Dispose();
            folder = LedgerFolder.Open(path, options.SigningKey, options.WitnessPolicy, batching);
        }

        if (!folder.Ok) throw new InvalidOperationException($"ledger {path}: {folder.Error}");
        var writer = folder.Value.Writer();
        if (!writer.Ok)
        {
            folder.Value.Dispose();
            throw new InvalidOperationException($"ledger {path}: {writer.Error}");
        }

        var index = LedgerIndex.Open(folder.Value.Folder, folder.Value.Store, writer.Value.Size);
        var ledger = new EvidenceLedger(folder.Value, writer.Value, index, log);

        // After a crash the published checkpoint may lag the replayed log.
        ledger.PublishIfUnwitnessed();
        return ledger;
    }

    /// <summary>Appends the findings not yet in the ledger and the incidents whose content changed; returns what was appended.</summary>
    public IReadOnlyList<LedgerRecord> Record(IReadOnlyList<Finding> findings, IReadOnlyCollection<Incident> incidents)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(incidents);
        var pending = new List<(string Type, string Id, byte[] Entry)>();
        var claimed = new List<string>();
        lock (_lock)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in findings)
            {
                if (_index.Contains(f.Id) || !seen.Add(f.Id) || !Claim("finding\n" + f.Id, claimed)) continue;
                var entry = Entry("finding", f.Id, "finding", FindingJson.ToJson(f));
                if (TooLarge(entry, "finding", f.Id)) continue;
                pending.Add(("finding", f.Id, entry));
            }

            foreach (var i in incidents)
            {
                var entry = IncidentEntry(i);
                if (TooLarge(entry, "incident", i.Id)) continue;
                string hash = Hash(entry);
                if (string.Equals(_index.LastHash(i.Id), hash, StringComparison.Ordinal) || !seen.Add(i.Id) || !Claim("incident\n" + i.Id + "\n" + hash, claimed)) continue;
                pending.Add(("incident", i.Id, entry));
            }
        }

        try
        {
            return AppendAndIndex(pending);
        }
        finally
        {
            lock (_lock) _inFlight.ExceptWith(claimed);
        }
    }

    /// <summary>
    /// Appends a record posted by a client: a JSON object with a string "type" (not finding or incident, which only the
    /// server writes) and a string "id"; it is stored in canonical form.
    /// </summary>
    public Parsed<LedgerRecord> AppendRecord(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxRecordBytes) return Parsed<LedgerRecord>.Fail($"a record has at most {MaxRecordBytes} bytes");
        var canonical = CanonicalJson.Canonicalize(json);
        if (!canonical.Ok) return Parsed<LedgerRecord>.Fail(canonical.Error);
        var described = LedgerIndex.Describe(canonical.Value, 0);
        if (described.Type.Length is 0 or > 64 || described.Id.Length is 0 or > 256) return Parsed<LedgerRecord>.Fail("a record is a JSON object with a string \"type\" (1..64 characters) and a string \"id\" (1..256)");
        if (described.Type is "finding" or "incident") return Parsed<LedgerRecord>.Fail("findings and incidents are recorded by the server itself");
        if (described.Id.Any(char.IsControl)) return Parsed<LedgerRecord>.Fail("the id has control characters");
        return Parsed<LedgerRecord>.Success(AppendAndIndex([(described.Type, described.Id, canonical.Value)])[0]);
    }

    public IReadOnlyList<LedgerRecord> Lookup(string id)
    {
        lock (_lock) return _index.Lookup(id).ToList();
    }

    /// <summary>
    /// Appends the findings and incidents the store holds but the ledger has never seen (a crash between the store's
    /// commit and the append). An incident already in the ledger is not compared: the store's copy went through
    /// another serialisation, and a spurious new version on every start would be worse than the gap.
    /// </summary>
    public int CatchUp(IEnumerable<Finding> findings, IEnumerable<Incident> incidents)
    {
        List<Incident> missing;
        lock (_lock) missing = incidents.Where(i => !_index.Contains(i.Id)).ToList();
        return Record(findings.ToList(), missing).Count;
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    private bool Claim(string key, List<string> claimed)
    {
        if (!_inFlight.Add(key)) return false;
        claimed.Add(key);
        return true;
    }

    /// <summary>Appends (sharing the log's commits with concurrent callers), then indexes the entries in log order.</summary>
    private List<LedgerRecord> AppendAndIndex(List<(string Type, string Id, byte[] Entry)> pending)
    {
        if (pending.Count == 0) return [];
        ulong first = _writer.Append(pending.Select(p => p.Entry).ToList());
        var records = new List<LedgerRecord>(pending.Count);
        for (int i = 0; i < pending.Count; i++) records.Add(new LedgerRecord(pending[i].Type, pending[i].Id, first + (ulong)i, Hash(pending[i].Entry)));

        // Published before the lookup shows them, so a lookup always finds a checkpoint that covers its entries.
        PublishIfUnwitnessed();
        lock (_lock)
        {
            // A later commit can return first; the index (and its file) takes entries in log order.
            while (_indexed < first) Monitor.Wait(_lock);
            foreach (var record in records) _index.Add(record, persist: true);
            _index.Flush();
            _indexed = first + (ulong)records.Count;
            Monitor.PulseAll(_lock);
        }

        _log.LogDebug("ledger: appended {Count} records, size {Size}", records.Count, _writer.Size);
        return records;
    }

    private void PublishIfUnwitnessed()
    {
        if (!_folder.Policy.IsSatisfied(new HashSet<string>())) return;
        lock (_publishLock) _folder.PublishUnwitnessed(durable: false);
    }

    /// <summary>
    /// An incident's entry. A snapshot lists up to 1,000 story steps, more than an entry holds (64 KiB): then the entry
    /// keeps the earliest steps (and their finding ids) that fit and says in "omitted_steps" how many of the snapshot's
    /// steps it left out. Each step is a finding, and every finding has an entry of its own.
    /// </summary>
    internal static byte[] IncidentEntry(Incident incident)
    {
        string json = IncidentJson.ToJson(incident);
        int keep = incident.Story.Count;
        while (true)
        {
            // Our JSON escapes more than the canonical form, so the cut is sized on our text first, and the costly
            // canonicalisation runs about once per incident version instead of on the full 1,000-step snapshot.
            int size = Encoding.UTF8.GetByteCount(json);
            if (size <= EntryBundle.MaxEntryBytes || keep == 0)
            {
                var entry = Entry("incident", incident.Id, "incident", json, incident.Story.Count - keep);
                if (entry.Length <= EntryBundle.MaxEntryBytes || keep == 0) return entry;
                size = entry.Length;
            }

            // Steps are of similar size: aim below the limit, leaving room for the title, the entities and the wrapper.
            keep = (int)Math.Min(keep - 1, (long)keep * (EntryBundle.MaxEntryBytes * 9L / 10) / size);
            json = IncidentJson.ToJson(incident with { Story = [.. incident.Story.Take(keep)], FindingIds = [.. incident.FindingIds.Take(keep)] });
        }
    }

    /// <summary>An entry over the log's limit (an attacker's 70 KB user name in a finding) is left out and logged, so it cannot stop the rest.</summary>
    private bool TooLarge(byte[] entry, string type, string id)
    {
        if (entry.Length <= EntryBundle.MaxEntryBytes) return false;
        _log.LogError("ledger: the {Type} {Id} is {Bytes} bytes as an entry, over the limit of {Max}; it is left out of the ledger", type, id, entry.Length, EntryBundle.MaxEntryBytes);
        return true;
    }

    private static byte[] Entry(string type, string id, string field, string json, int omittedSteps = 0)
    {
        var node = new JsonObject { ["type"] = type, ["id"] = id, [field] = JsonNode.Parse(json) };
        if (omittedSteps > 0) node["omitted_steps"] = omittedSteps;
        var canonical = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(node.ToJsonString()));
        return canonical.Ok ? canonical.Value : throw new InvalidOperationException("our own JSON did not canonicalize: " + canonical.Error);
    }

    private static string Hash(byte[] entry) => Convert.ToBase64String(SHA256.HashData(entry));
}
