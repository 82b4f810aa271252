using System.Net;
using System.Text;
using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Ledger.Json;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Tests.Tiles;
using Ensuresec.Ledger.Tiles;
using Ensuresec.Server;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Ledger.Tests.Server;

/// <summary>The server records every finding and incident in the ledger and serves it (public reads, keyed appends).</summary>
public sealed class LedgerServerTests : IAsyncLifetime
{
    private readonly string _data = TestLogs.TempFolder();
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _ingest = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _app = EnsuresecServer.Build(new ServerOptions
        {
            DataDirectory = _data,
            Urls = "http://127.0.0.1:0",
            Detectors = [() => new FindingPerEvent()],
            IncidentBuilder = () => new IncidentPerFinding(),
            ProcessorPollInterval = TimeSpan.FromMilliseconds(50),
            MinimumLogLevel = LogLevel.Warning,
        });
        await _app.StartAsync();
        var store = _app.Services.GetRequiredService<EnsuresecStore>();
        _ingest = store.Keys.Create(ApiRole.Ingest, "ingest").Secret;
        _admin = store.Keys.Create(ApiRole.Admin, "admin").Secret;
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Findings_AreAppendedAsCanonicalJson_AndProvableFromTheLookup()
    {
        await PostEvents("e1", "e2");
        var lookup = await WaitForLookup("f:e2");
        var entry = lookup.GetProperty("entries")[0];
        entry.GetProperty("type").GetString().ShouldBe("finding");
        var inclusion = entry.GetProperty("inclusion");
        var leafText = inclusion.GetProperty("entry").GetString()!;
        var leaf = Encoding.UTF8.GetBytes(leafText);
        CanonicalJson.Canonicalize(leaf).Value.ShouldBe(leaf);
        JsonDocument.Parse(leaf).RootElement.GetProperty("finding").GetProperty("id").GetString().ShouldBe("f:e2");

        // Verify the proof offline, against the public checkpoint signed with the ledger's key.
        string vkey = File.ReadAllText(Path.Combine(_data, "ledger", "log.vkey")).Trim();
        var checkpointNote = await _client.GetStringAsync("/ledger/checkpoint");
        var opened = SignedNote.Open(checkpointNote, [VerifierKeys.Parse(vkey).Value!]);
        opened.Ok.ShouldBeTrue(opened.Error);
        var cp = Ledger.Checkpoints.Checkpoint.Parse(opened.Value.Text).Value!;
        var proof = inclusion.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        ulong index = inclusion.GetProperty("index").GetUInt64();
        ProofVerifier.VerifyInclusion(index, inclusion.GetProperty("size").GetUInt64(), TreeHasher.HashLeaf(leaf), proof, cp.RootHash).ShouldBeNull();
        entry.GetProperty("tlog_proof").GetString()!.ShouldStartWith("c2sp.org/tlog-proof@v1\nindex " + index);

        // The incident of that finding is in the ledger too.
        var incidentEntry = (await WaitForLookup("i:f:e2")).GetProperty("entries")[0];
        incidentEntry.GetProperty("type").GetString().ShouldBe("incident");

        // The results API shows each item's leaf index.
        using var findings = JsonDocument.Parse(await GetWithKey("/api/v1/findings", _admin));
        findings.RootElement.GetProperty("items").EnumerateArray().First(f => f.GetProperty("id").GetString() == "f:e2")
            .GetProperty("ledger_index").GetUInt64().ShouldBe(index);
        using var incidents = JsonDocument.Parse(await GetWithKey("/api/v1/incidents", _admin));
        incidents.RootElement.GetProperty("items").EnumerateArray().First(i => i.GetProperty("id").GetString() == "i:f:e2")
            .GetProperty("ledger_index").GetUInt64().ShouldBe(incidentEntry.GetProperty("index").GetUInt64());
    }

    [Fact]
    public async Task PublicTiles_VerifyOverHttpWithTheCliLogic()
    {
        await PostEvents("a", "b", "c");
        ulong size = (await WaitForLookup("f:c")).GetProperty("published_size").GetUInt64();
        var bundle = await _client.GetAsync($"/ledger/tile/entries/000.p/{size}");
        bundle.StatusCode.ShouldBe(HttpStatusCode.OK);
        bundle.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        (await _client.GetAsync("/ledger/tile/0/000.p/0")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.GetAsync("/ledger/tile/0/x999/000")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.GetAsync("/ledger/tile/../log.key")).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        string vkey = File.ReadAllText(Path.Combine(_data, "ledger", "log.vkey")).Trim();
        var log = VerifierKeys.Parse(vkey).Value!;
        using var http = new HttpClient();
        var result = Log.LedgerChecks.VerifyRemote(new HttpTileSource(http, new Uri(_client.BaseAddress!, "/ledger/")), log.Name, log, null);
        result.Problems.ShouldBeEmpty();
        result.Published!.Checkpoint.Size.ShouldBeGreaterThanOrEqualTo(6UL);
    }

    [Fact]
    public async Task AppendRecord_NeedsAnAdminKey_AndRejectsBadRecords()
    {
        const string action = "{\"type\":\"action\",\"id\":\"block-1\",\"what\":\"block 203.0.113.9\",\"n\":1.50}";
        (await Send(HttpMethod.Post, "/api/v1/ledger/records", action, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Post, "/api/v1/ledger/records", action, _ingest)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var created = await Send(HttpMethod.Post, "/api/v1/ledger/records", action, _admin);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        ulong index = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("index").GetUInt64();
        var lookup = await WaitForLookup("block-1");
        lookup.GetProperty("entries")[0].GetProperty("index").GetUInt64().ShouldBe(index);
        lookup.GetProperty("entries")[0].GetProperty("inclusion").GetProperty("entry").GetString()
            .ShouldBe("{\"id\":\"block-1\",\"n\":1.5,\"type\":\"action\",\"what\":\"block 203.0.113.9\"}");

        foreach (var bad in new[] { "[]", "{\"type\":\"finding\",\"id\":\"x\"}", "{\"type\":\"a\"}", "{\"type\":\"a\",\"id\":\"x\",\"id\":\"y\"}", "{\"type\":\"a\",\"id\":\"x\",\"n\":1e999}", "{" })
        {
            (await Send(HttpMethod.Post, "/api/v1/ledger/records", bad, _admin)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
        }

        (await Send(HttpMethod.Post, "/api/v1/ledger/records", "{\"type\":\"a\",\"id\":\"x\",\"p\":\"" + new string('x', 70_000) + "\"}", _admin)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ConcurrentRecords_ShareCommits_EachGetsItsOwnIndexAndTheIndexFileIsInLogOrder()
    {
        var posts = Enumerable.Range(0, 40).Select(i => Send(HttpMethod.Post, "/api/v1/ledger/records", $"{{\"type\":\"action\",\"id\":\"c-{i}\"}}", _admin)).ToList();
        var indices = new List<ulong>();
        foreach (var post in posts)
        {
            var response = await post;
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            indices.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("index").GetUInt64());
        }

        indices.Distinct().Count().ShouldBe(40);
        for (int i = 0; i < 40; i++) (await WaitForLookup($"c-{i}")).GetProperty("entries")[0].GetProperty("index").GetUInt64().ShouldBe(indices[i]);
        var lines = File.ReadAllLines(Path.Combine(_data, "ledger", "index.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("N").GetUInt64()).ToList();
        lines.ShouldBe(lines.Order().ToList());
    }

    [Fact]
    public async Task Proofs_BadQueries_Get400AndUnknownIds404()
    {
        await PostEvents("q");
        await WaitForLookup("f:q");
        (await _client.GetAsync("/api/v1/ledger/proof/inclusion?index=abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _client.GetAsync("/api/v1/ledger/proof/inclusion?index=99999999")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _client.GetAsync("/api/v1/ledger/proof/inclusion?index=0&size=18446744073709551616")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var tooOld = await _client.GetAsync("/api/v1/ledger/proof/consistency?old=5&size=1");
        tooOld.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await tooOld.Content.ReadAsStringAsync());
        (await _client.GetAsync("/api/v1/ledger/lookup/nope")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var consistency = await _client.GetAsync("/api/v1/ledger/proof/consistency?old=1");
        consistency.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await consistency.Content.ReadAsStringAsync()).RootElement;
        var proof = body.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        ProofVerifier.VerifyConsistency(1, body.GetProperty("size").GetUInt64(), Convert.FromBase64String(body.GetProperty("old_root").GetString()!), Convert.FromBase64String(body.GetProperty("root").GetString()!), proof).ShouldBeNull();
    }

    private async Task PostEvents(params string[] ids)
    {
        string body = string.Join('\n', ids.Select(id => "{\"@timestamp\":\"2026-11-01T10:00:00Z\",\"event\":{\"id\":\"" + id + "\"},\"source\":{\"ip\":\"192.0.2.7\"}}"));
        var response = await Send(HttpMethod.Post, "/api/v1/events", body, _ingest, "application/x-ndjson");
        ((int)response.StatusCode).ShouldBeLessThan(300, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> GetWithKey(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        using var response = await _client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    private async Task<JsonElement> WaitForLookup(string id)
    {
        for (int i = 0; i < 200; i++)
        {
            var response = await _client.GetAsync("/api/v1/ledger/lookup/" + Uri.EscapeDataString(id));
            if (response.StatusCode == HttpStatusCode.OK) return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            await Task.Delay(50);
        }

        throw new ShouldAssertException($"{id} never appeared in the ledger");
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string body, string? key, string type = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return _client.SendAsync(request);
    }

    private sealed class FindingPerEvent : IDetector
    {
        public string Name => "ledger-test";

        public void SelectKeys(SecurityEvent e, List<DetectorKey> keys) => keys.Add(new DetectorKey(0, e.Id));

        public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings) => findings.Emit(new Finding
        {
            Id = "f:" + e.Id,
            Detector = Name,
            RuleId = "ES-LEDGER-TEST",
            Severity = Severity.Low,
            Confidence = 1,
            Technique = "T1190",
            Explanation = "saw " + e.Id,
            FirstSeen = e.Timestamp,
            DetectedAt = e.Timestamp,
            Entities = [Entity.Ip(e.SourceIp ?? "0.0.0.0")],
            EvidenceEventIds = [e.Id],
            EvidenceCount = 1,
        });

        public void Advance(DateTimeOffset now, IFindingSink findings)
        {
        }
    }

    private sealed class IncidentPerFinding : Ensuresec.Server.Processing.IIncidentBuilder
    {
        public Incident? Add(Finding finding, ICollection<string> retiredIds) => new()
        {
            Id = "i:" + finding.Id,
            Title = finding.Explanation,
            Severity = finding.Severity,
            FirstSeen = finding.FirstSeen,
            LastSeen = finding.DetectedAt,
            Entities = finding.Entities,
            FindingIds = [finding.Id],
            Techniques = [finding.Technique],
            Story = [new IncidentStep(finding.DetectedAt, finding.Id, finding.RuleId, finding.Technique, finding.Severity, finding.Explanation)],
        };
    }
}
