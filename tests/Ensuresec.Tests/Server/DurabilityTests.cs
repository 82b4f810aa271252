using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ensuresec.Server.Processing;
using Ensuresec.Tests.Store;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Tests.Server;

/// <summary>
/// Kills the real server with SIGKILL at seeded random moments while a client sends batches, restarts it, resends
/// what was not acknowledged, and checks that every acknowledged event is stored once, processed, and has exactly
/// one finding (the built-in external-alert detector raises one per alert event, with a deterministic id).
/// </summary>
public sealed class DurabilityTests
{
    private const int BatchSize = 25;

    [Fact]
    public async Task Serve_KilledWhileIngesting_LosesAndDuplicatesNothing()
    {
        using var dir = new TempFolder();
        string key = await ServerProcess.CreateKeyAsync(dir.Path, "ingest");
        var rng = new Random(20250301);
        var acked = new HashSet<string>(StringComparer.Ordinal);
        var unacked = new List<string[]>();
        int nextBatch = 0;
        int interrupted = 0;

        for (int round = 0; round < 4; round++)
        {
            using var server = await ServerProcess.StartServeAsync(dir.Path);
            using var client = Client(server, key);
            await ResendAsync(client, unacked, acked);
            using var stop = new CancellationTokenSource();
            // Killed right after a random batch is sent (by count, not by time: on an idle machine the sender ingests
            // far faster than the server processes, and a timed kill left a backlog no wait could drain).
            int killAfter = rng.Next(20, 80), sent = 0;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sender = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var batch = Enumerable.Range(0, BatchSize).Select(i => $"d{nextBatch}-{i}").ToArray();
                    nextBatch++;
                    var send = SendAsync(client, batch, acked);
                    if (++sent == killAfter) reached.TrySetResult();
                    if (!await send) unacked.Add(batch);
                }
            });
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
            server.Kill();
            await stop.CancelAsync();
            await sender;
            interrupted += unacked.Count;
        }

        // The kills must have cut requests in flight, or the test proves nothing.
        interrupted.ShouldBeGreaterThan(0);

        using (var server = await ServerProcess.StartServeAsync(dir.Path))
        {
            using var client = Client(server, key);
            await ResendAsync(client, unacked, acked);
            unacked.ShouldBeEmpty();
            // Drained while it keeps shrinking; a backlog that stops moving for 15 s is a stuck processor.
            var lastMove = DateTime.UtcNow;
            for (long last = long.MaxValue, now; (now = await BacklogAsync(client)) > 0 && DateTime.UtcNow - lastMove < TimeSpan.FromSeconds(15);)
            {
                if (now < last) (last, lastMove) = (now, DateTime.UtcNow);
                await Task.Delay(100);
            }

            (await BacklogAsync(client)).ShouldBe(0);
        }

        acked.Count.ShouldBeGreaterThan(BatchSize * 4);
        using var db = new SqliteConnection($"Data Source={Path.Combine(dir.Path, "ensuresec.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        var events = Rows(db, "SELECT id, processed FROM events");
        events.Select(e => e.Id).ShouldBeUnique();
        events.ShouldAllBe(e => e.Value == 1);
        var stored = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        acked.ShouldAllBe(id => stored.Contains(id));
        var findings = Rows(db, "SELECT id, 1 FROM findings").Select(f => f.Id).ToList();
        findings.Count.ShouldBe(stored.Count);
        findings.ToHashSet(StringComparer.Ordinal).SetEquals(stored.Select(id => "alert:" + id)).ShouldBeTrue();
    }

    private static HttpClient Client(ServerProcess server, string key)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task ResendAsync(HttpClient client, List<string[]> unacked, HashSet<string> acked)
    {
        foreach (var batch in unacked.ToList())
        {
            if (await SendAsync(client, batch, acked)) unacked.Remove(batch);
        }
    }

    /// <summary>True when the server answered 202 (the batch is committed); false when the connection died.</summary>
    private static async Task<bool> SendAsync(HttpClient client, string[] ids, HashSet<string> acked)
    {
        string body = string.Join('\n', ids.Select(id =>
            "{\"@timestamp\":\"" + Samples.T0.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "\",\"event\":{\"id\":\"" + id + "\",\"kind\":\"alert\"},\"source\":{\"ip\":\"192.0.2.1\"}}"));
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        try
        {
            using var r = await client.PostAsync(new Uri("/api/v1/events", UriKind.Relative), content);
            if (r.StatusCode != HttpStatusCode.Accepted) return false;
            using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            (doc.RootElement.GetProperty("accepted").GetInt32() + doc.RootElement.GetProperty("duplicates").GetInt32()).ShouldBe(ids.Length);
            lock (acked)
            {
                foreach (string id in ids) acked.Add(id);
            }

            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    private static async Task<long> BacklogAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health", UriKind.Relative)));
        return doc.RootElement.GetProperty("backlog").GetInt64();
    }

    private static List<(string Id, long Value)> Rows(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    [Fact]
    public void ExternalAlertDetector_Name_IsStable() => new ExternalAlertDetector().Name.ShouldBe("external-alert");
}
