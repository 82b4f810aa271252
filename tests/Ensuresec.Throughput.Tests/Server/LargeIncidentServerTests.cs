using System.Text;
using System.Text.Json.Nodes;
using Ensuresec.Core.Json;
using Ensuresec.Detection.Incidents;
using Ensuresec.Server.Processing;

namespace Ensuresec.Throughput.Tests.Server;

/// <summary>
/// The server under one growing incident (every alert from one address): the store, the API and the ledger keep the
/// incident exactly as the correlator has it, across batches and a restart, and an oversized alert stops nothing.
/// </summary>
public sealed class LargeIncidentServerTests : IDisposable
{
    private const int LedgerEntryLimit = 65_535;
    private readonly string _data = Directory.CreateTempSubdirectory("ensuresec-throughput-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Serve_IncidentOfThousandsOfFindings_StoredAsInMemoryAcrossRestartAndInTheLedger()
    {
        const int n = 2_500;
        string incidentId;
        await using (var server = await ThroughputServer.StartAsync(_data))
        {
            // The first 1,000 in one request (one processor batch): the incident's first version is already larger
            // than a ledger entry, which used to fail the batch's append and the catch-up at the next start.
            await server.PostAsync(Enumerable.Range(0, 1_000).Select(i => ThroughputServer.Alert($"a-{i}", 10.0 * i)));
            for (int at = 1_000; at < n; at += 250)
            {
                await server.PostAsync(Enumerable.Range(at, 250).Select(i => ThroughputServer.Alert($"a-{i}", 10.0 * i)));
            }

            await server.WaitProcessedAsync(n);
            var stored = (await server.IncidentsAsync()).ShouldHaveSingleItem();
            var findings = server.AllFindings();
            findings.Count.ShouldBe(n);
            var expected = Correlated(findings);
            JsonNode.DeepEquals(stored, JsonNode.Parse(IncidentJson.ToJson(expected))).ShouldBeTrue();
            expected.Story.Count.ShouldBe(1_000);
            expected.Story[0].FindingId.ShouldBe("alert:a-0");
            expected.LastSeen.ShouldBe(ThroughputServer.T0.AddMilliseconds(10.0 * (n - 1)));
            incidentId = expected.Id;

            // Every finding is in the ledger, and every incident version fits one entry and says what it left out.
            (await server.WaitLedgerEntriesAsync("alert:a-0")).ShouldHaveSingleItem();
            (await server.WaitLedgerEntriesAsync($"alert:a-{n - 1}")).ShouldHaveSingleItem();
            var versions = await server.LedgerEntriesAsync(incidentId);
            versions.ShouldNotBeEmpty();
            versions.ShouldAllBe(v => Encoding.UTF8.GetByteCount(v) <= LedgerEntryLimit);
            var latest = JsonNode.Parse(versions[^1])!;
            var listed = latest["incident"]!["story"]!.AsArray();
            listed.Count.ShouldBeGreaterThan(100);
            latest["omitted_steps"]!.GetValue<int>().ShouldBe(1_000 - listed.Count);
            latest["incident"]!["finding_ids"]!.AsArray().Count.ShouldBe(listed.Count);
            latest["incident"]!["last_seen"]!.ToString().ShouldBe(stored["last_seen"]!.ToString());
            listed[0]!["finding_id"]!.GetValue<string>().ShouldBe("alert:a-0");
        }

        // After a restart the correlator is rebuilt from the stored findings: the next alert joins the same incident.
        await using (var server = await ThroughputServer.StartAsync(_data))
        {
            (await server.IncidentsAsync()).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe(incidentId);
            await server.PostAsync([ThroughputServer.Alert("a-late", 10.0 * n)]);
            await server.WaitProcessedAsync(n + 1);

            var stored = (await server.IncidentsAsync()).ShouldHaveSingleItem();
            var expected = Correlated(server.AllFindings());
            expected.Id.ShouldBe(incidentId);
            JsonNode.DeepEquals(stored, JsonNode.Parse(IncidentJson.ToJson(expected))).ShouldBeTrue();
            stored["last_seen"]!.ToString().ShouldBe(JsonNode.Parse(IncidentJson.ToJson(expected))!["last_seen"]!.ToString());
            (await server.WaitLedgerEntriesAsync("alert:a-late")).ShouldHaveSingleItem();
        }
    }

    [Fact]
    public async Task Serve_BatchWhoseLaterFindingIsEarlier_StoresOnlyTheIncidentUnderItsFinalId()
    {
        // One partition: findings reach the correlator in the order posted, the later one first. The earlier finding
        // then renames the incident; the first name must not stay behind as a second, stale incident.
        await using var server = await ThroughputServer.StartAsync(_data, partitions: 1);
        await server.PostAsync([ThroughputServer.Alert("late", 60_000, user: "u@example.com"), ThroughputServer.Alert("early", 0, user: "u@example.com")]);
        await server.WaitProcessedAsync(2);

        var stored = (await server.IncidentsAsync()).ShouldHaveSingleItem();
        var expected = Correlated(server.AllFindings());
        stored["id"]!.GetValue<string>().ShouldBe(expected.Id);
        stored["finding_ids"]!.AsArray().Select(x => x!.GetValue<string>()).ShouldBe(["alert:early", "alert:late"]);
    }

    [Fact]
    public async Task Serve_IncidentTooLargeForALedgerEntry_LeftOutOfTheLedgerOnly_AndTheServerGoesOnAndRestarts()
    {
        // Two accounts with 40,000-character names (an event holds up to 64 KiB): each finding fits an entry, but their
        // incident lists both names and cannot, even with no story step.
        string Huge(char c) => new(c, 40_000);
        string second = Huge('v');
        await using (var server = await ThroughputServer.StartAsync(_data))
        {
            await server.PostAsync([ThroughputServer.Alert("normal", 0), ThroughputServer.Alert("huge1", 1, user: Huge('u'), rule: new string('r', 20_000))]);
            await server.PostAsync([ThroughputServer.Alert("huge2", 2, user: second)]);
            await server.WaitProcessedAsync(3);
            await server.PostAsync([ThroughputServer.Alert("after", 3)]);
            await server.WaitProcessedAsync(4);

            var findings = server.AllFindings();
            findings.Count.ShouldBe(4);
            var huge = findings.Single(f => f.Id == "alert:huge1");
            huge.Explanation.Length.ShouldBe("upstream alert from an external source: ".Length + ExternalAlertDetector.MaxTextLength + 1);
            huge.Explanation.ShouldEndWith("…");
            var incident = (await server.IncidentsAsync()).ShouldHaveSingleItem();
            foreach (string id in new[] { "alert:after", "alert:normal", "alert:huge1", "alert:huge2" }) (await server.WaitLedgerEntriesAsync(id)).ShouldHaveSingleItem();
            var versions = await server.LedgerEntriesAsync(incident["id"]!.GetValue<string>());
            versions.ShouldNotBeEmpty();
            versions.ShouldAllBe(v => !v.Contains(second, StringComparison.Ordinal));
        }

        // The start-up catch-up meets the same oversized incident and must not stop the server from starting.
        await using (var server = await ThroughputServer.StartAsync(_data))
        {
            await server.PostAsync([ThroughputServer.Alert("restarted", 4)]);
            await server.WaitProcessedAsync(5);
            (await server.WaitLedgerEntriesAsync("alert:restarted")).ShouldHaveSingleItem();
        }
    }

    private static Ensuresec.Core.Findings.Incident Correlated(IEnumerable<Ensuresec.Core.Findings.Finding> findings)
    {
        var c = new IncidentCorrelator();
        foreach (var f in findings) c.Add(f);
        return c.Incidents.ShouldHaveSingleItem();
    }
}
