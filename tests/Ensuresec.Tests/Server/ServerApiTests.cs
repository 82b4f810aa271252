using System.Net;
using System.Text.Json;

namespace Ensuresec.Tests.Server;

public sealed class ServerApiTests : IAsyncLifetime
{
    private ServerHarness _h = null!;

    public async Task InitializeAsync() => _h = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Health_WithoutKey_IsPublicAndReportsBacklog()
    {
        using var r = await _h.GetAsync("/health", null);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = await Json(r);
        doc.RootElement.GetProperty("store").GetString().ShouldBe("reachable");
        doc.RootElement.TryGetProperty("backlog", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task OpenApi_NeedsAReadKey()
    {
        using var anonymous = await _h.GetAsync("/openapi/v1.json", null);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var r = await _h.GetAsync("/openapi/v1.json", _h.ReadKey);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await r.Content.ReadAsStringAsync()).ShouldContain("/api/v1/events");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("esk_000000000000_wrong")]
    [InlineData("'; DROP TABLE api_keys; --")]
    public async Task Endpoints_MissingOrWrongKey_Answer401(string? key)
    {
        using var post = await _h.PostAsync("[" + ServerHarness.Event("a") + "]", key);
        post.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var get = await _h.GetAsync("/api/v1/findings", key);
        get.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var unknown = await _h.GetAsync("/admin/secret", key);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _h.Store.CountEvents().ShouldBe(0);
    }

    [Fact]
    public async Task Endpoints_WrongRole_Answer403()
    {
        using var post = await _h.PostAsync("[" + ServerHarness.Event("a") + "]", _h.ReadKey);
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var get = await _h.GetAsync("/api/v1/findings", _h.IngestKey);
        get.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = await _h.GetAsync("/api/v1/incidents", _h.AdminKey);
        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostEvents_ArrayWithInvalidItems_StoresValidOnesAndReportsTheRest()
    {
        string body = "[" + ServerHarness.Event("a") + ",{\"event\":{\"id\":\"x\"}},42," + ServerHarness.Event("b") + "]";
        using var r = await _h.PostAsync(body, _h.IngestKey);
        r.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var doc = await Json(r);
        doc.RootElement.GetProperty("accepted").GetInt32().ShouldBe(2);
        var rejected = doc.RootElement.GetProperty("rejected");
        rejected.GetArrayLength().ShouldBe(2);
        rejected[0].GetProperty("index").GetInt32().ShouldBe(1);
        rejected[0].GetProperty("reason").GetString()!.ShouldContain("@timestamp");
        rejected[1].GetProperty("index").GetInt32().ShouldBe(2);
        _h.Store.CountEvents().ShouldBe(2);
    }

    [Fact]
    public async Task PostEvents_Ndjson_AcceptedAndResendCountedAsDuplicates()
    {
        string body = ServerHarness.Event("n1") + "\n\n" + ServerHarness.Event("n2") + "\r\n";
        using (var first = await _h.PostAsync(body, _h.IngestKey, "application/x-ndjson"))
        {
            using var doc = await Json(first);
            doc.RootElement.GetProperty("accepted").GetInt32().ShouldBe(2);
        }

        using var again = await _h.PostAsync(body, _h.AdminKey, "application/x-ndjson");
        using var doc2 = await Json(again);
        doc2.RootElement.GetProperty("accepted").GetInt32().ShouldBe(0);
        doc2.RootElement.GetProperty("duplicates").GetInt32().ShouldBe(2);
        _h.Store.CountEvents().ShouldBe(2);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"@timestamp\":")]
    [InlineData("\"text\"")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task PostEvents_NothingValid_Answers400AndStoresNothing(string body)
    {
        using var r = await _h.PostAsync(body, _h.IngestKey);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var doc = await Json(r);
        doc.RootElement.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        _h.Store.CountEvents().ShouldBe(0);
    }

    [Fact]
    public async Task PostEvents_DeepNestingAndInvalidUtf8_Answer400()
    {
        using var deep = await _h.PostAsync("[" + new string('[', 5000) + new string(']', 5000) + "]", _h.IngestKey);
        deep.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var bytes = System.Text.Encoding.UTF8.GetBytes("[" + ServerHarness.Event("bad\u00e9") + "]");
        int at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Api-Key", _h.IngestKey);
        using var r = await _h.Client.SendAsync(request);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _h.Store.CountEvents().ShouldBe(0);
    }

    [Fact]
    public async Task PostEvents_WrongContentType_Answers415() =>
        (await _h.PostAsync("[]", _h.IngestKey, "text/plain")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

    [Fact]
    public async Task PostEvents_UnknownFields_AreKeptInTheStoredJson()
    {
        string body = "[{\"@timestamp\":\"2025-03-01T12:00:00Z\",\"event\":{\"id\":\"u\",\"custom\":[1,{\"deep\":true}]},\"shop\":{\"tenant\":\"t-1\"},\"n\":12345678901234567890123}]";
        using var r = await _h.PostAsync(body, _h.IngestKey);
        r.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        string json = _h.Store.GetEvents(["u"]).ShouldHaveSingleItem().Json;
        json.ShouldContain("\"tenant\":\"t-1\"");
        json.ShouldContain("{\"deep\":true}");
        json.ShouldContain("12345678901234567890123");
    }

    [Fact]
    public async Task Findings_AfterProcessing_FilterAndPage()
    {
        string body = "[" + string.Join(',', Enumerable.Range(0, 5).Select(i => ServerHarness.Event((i % 2 == 0 ? "hi" : "lo") + i, "198.51.100." + i, i))) + "]";
        (await _h.PostAsync(body, _h.IngestKey)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _h.WaitForBacklogZeroAsync();

        using var all = await Json(await _h.GetAsync("/api/v1/findings?limit=2", _h.ReadKey));
        all.RootElement.GetProperty("total").GetInt32().ShouldBe(5);
        all.RootElement.GetProperty("next_offset").GetInt32().ShouldBe(2);
        all.RootElement.GetProperty("items")[0].GetProperty("id").GetString().ShouldBe("f:hi0");

        using var high = await Json(await _h.GetAsync("/api/v1/findings?min_severity=high", _h.ReadKey));
        high.RootElement.GetProperty("total").GetInt32().ShouldBe(3);

        using var byEntity = await Json(await _h.GetAsync("/api/v1/findings?entity=source.ip%3D198.51.100.3", _h.ReadKey));
        byEntity.RootElement.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString().ShouldBe("f:lo3");

        using var hostile = await Json(await _h.GetAsync("/api/v1/findings?rule_id=%27%3B%20DROP%20TABLE%20findings%3B%20--", _h.ReadKey));
        hostile.RootElement.GetProperty("total").GetInt32().ShouldBe(0);

        using var incidents = await Json(await _h.GetAsync("/api/v1/incidents?since=2025-03-01T12:00:03Z&limit=10", _h.ReadKey));
        incidents.RootElement.GetProperty("total").GetInt32().ShouldBe(2);
    }

    [Theory]
    [InlineData("/api/v1/findings?limit=0")]
    [InlineData("/api/v1/findings?limit=1001")]
    [InlineData("/api/v1/findings?offset=-1")]
    [InlineData("/api/v1/findings?min_severity=extreme")]
    [InlineData("/api/v1/incidents?since=yesterday")]
    public async Task Results_BadFilter_Answers400NamingIt(string path)
    {
        using var r = await _h.GetAsync(path, _h.ReadKey);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var doc = await Json(r);
        string error = doc.RootElement.GetProperty("error").GetString()!;
        error.ShouldContain(path.Contains("limit", StringComparison.Ordinal) ? "limit" : path.Contains("offset", StringComparison.Ordinal) ? "offset" : path.Contains("since", StringComparison.Ordinal) ? "since" : "min_severity");
    }

    [Fact]
    public async Task Responses_HostileStrings_AreJsonEscaped()
    {
        string body = "[{\"@timestamp\":\"2025-03-01T12:00:00Z\",\"event\":{\"id\":\"<script>alert(1)</script>\"}}]";
        (await _h.PostAsync(body, _h.IngestKey)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _h.WaitForBacklogZeroAsync();
        string text = await (await _h.GetAsync("/api/v1/findings", _h.ReadKey)).Content.ReadAsStringAsync();
        text.ShouldNotContain("<script>");
        text.ShouldContain("\\u003Cscript\\u003E");
    }

    private static async Task<JsonDocument> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync());
}
