using System.Net;
using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Server;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Response.Tests.Server;

/// <summary>The response endpoints on a real Kestrel server on 127.0.0.1 with a temp data folder.</summary>
public sealed class ResponseApiTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-response-api-").FullName;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _read = "", _admin = "";

    private string DenyFile => Path.Combine(_dir, "deny.conf");

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "response.json"), JsonSerializer.Serialize(new { deny_list = new { file = DenyFile } }));
        _app = EnsuresecServer.Build(new ServerOptions { DataDirectory = _dir, Urls = "http://127.0.0.1:0", MinimumLogLevel = LogLevel.Warning });
        await _app.StartAsync();
        var store = _app.Services.GetRequiredService<EnsuresecStore>();
        _read = store.Keys.Create(ApiRole.Read, "reader").Secret;
        _admin = store.Keys.Create(ApiRole.Admin, "duty-analyst").Secret;
        store.CommitProcessed([], [], [TestIncidents.Stuffing("inc-api", Severity.High)]);
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task Suggest_Accept_History_EndToEnd_WithRoles()
    {
        (await Send(HttpMethod.Get, "/api/v1/incidents/inc-api/mitigations", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var list = await Send(HttpMethod.Get, "/api/v1/incidents/inc-api/mitigations", _read);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var block = doc.RootElement.GetProperty("items").EnumerateArray().First(m => m.GetProperty("mitigation").GetString() == "block-address");
        block.GetProperty("reason").GetString().ShouldNotBeNullOrEmpty();
        string id = block.GetProperty("id").GetString()!;

        string accept = $"/api/v1/incidents/inc-api/mitigations/{id}/accept";
        (await Send(HttpMethod.Post, accept, _read)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        File.Exists(DenyFile).ShouldBeFalse();
        var accepted = await Send(HttpMethod.Post, accept, _admin);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        File.ReadAllText(DenyFile).ShouldContain("deny 203.0.113.7;");

        var history = await Send(HttpMethod.Get, "/api/v1/incidents/inc-api/response-history", _read);
        using var h = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        var run = h.RootElement.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        run.GetProperty("started_by").GetString().ShouldBe("analyst:duty-analyst");
        run.GetProperty("succeeded").GetBoolean().ShouldBeTrue();

        // The action is in the evidence ledger too, under its run id.
        string runId = run.GetProperty("run_id").GetString()!;
        var lookup = await Send(HttpMethod.Get, $"/api/v1/ledger/lookup/{runId}", _read);
        string found = await lookup.Content.ReadAsStringAsync();
        lookup.StatusCode.ShouldBe(HttpStatusCode.OK, found);
        found.ShouldContain("response-action");
    }

    [Fact]
    public async Task BadResponseConfig_KeepsTheServerUp_AndAnswers503WithTheReason()
    {
        string dir = Directory.CreateTempSubdirectory("ensuresec-response-bad-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "response.json"), "{\"webhook\": {\"allowed_urls\": [], \"secret\": \"x\"}}");
            await using var app = EnsuresecServer.Build(new ServerOptions { DataDirectory = dir, Urls = "http://127.0.0.1:0", MinimumLogLevel = LogLevel.Critical });
            await app.StartAsync();
            string key = app.Services.GetRequiredService<EnsuresecStore>().Keys.Create(ApiRole.Read, "r").Secret;
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/x/mitigations");
            request.Headers.Add("X-Api-Key", key);
            var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await response.Content.ReadAsStringAsync()).ShouldContain("webhook.allowed_urls");
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("/api/v1/incidents/nope/mitigations", "GET")]
    [InlineData("/api/v1/incidents/nope/mitigations/mit-1/accept", "POST")]
    [InlineData("/api/v1/incidents/inc-api/mitigations/mit-0000000000000000/accept", "POST")]
    public async Task UnknownIncidentOrMitigation_Is404(string path, string method)
    {
        var response = await Send(new HttpMethod(method), path, _admin);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
