using System.Net;
using System.Text;

namespace Ensuresec.Tests.Server;

public sealed class ServerLimitTests
{
    [Fact]
    public async Task PostEvents_ContentLengthOverLimit_Answers413AndStoresNothing()
    {
        await using var h = await ServerHarness.StartAsync(o => o with { MaxBodyBytes = 1024 });
        string body = "[" + string.Join(',', Enumerable.Range(0, 50).Select(i => ServerHarness.Event("e" + i))) + "]";
        using var r = await h.PostAsync(body, h.IngestKey);
        r.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        h.Store.CountEvents().ShouldBe(0);
    }

    [Fact]
    public async Task PostEvents_ChunkedBodyOverLimit_Answers413AndStoresNothing()
    {
        await using var h = await ServerHarness.StartAsync(o => o with { MaxBodyBytes = 1024 });
        string body = "[" + string.Join(',', Enumerable.Range(0, 50).Select(i => ServerHarness.Event("e" + i))) + "]";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
        {
            // No Content-Length: the server must count what it reads.
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Api-Key", h.IngestKey);
        using var r = await h.Client.SendAsync(request);
        r.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        h.Store.CountEvents().ShouldBe(0);
    }

    [Fact]
    public async Task BadKeyFlood_IsRefusedWith429()
    {
        await using var h = await ServerHarness.StartAsync(o => o with { RateLimits = new Ensuresec.Server.RateLimitOptions { AuthFailureBurst = 5, AuthFailuresPerMinute = 1 } });
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 8; i++)
        {
            using var r = await h.GetAsync("/api/v1/findings", "esk_000000000000_bad");
            codes.Add(r.StatusCode);
        }

        codes.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)]);
        using var health = await h.GetAsync("/health", null);
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Processor_EventsFromBeforeStart_AreProcessedOnStart()
    {
        await using var h = await ServerHarness.StartAsync();
        h.Store.AddEvents([new Ensuresec.Store.EventRecord("pre", Ensuresec.Tests.Store.Samples.T0, ServerHarness.Event("pre"))]);
        await h.WaitForBacklogZeroAsync();
        h.Store.QueryFindings(new Ensuresec.Store.Queries.FindingQuery()).Items.ShouldHaveSingleItem().Id.ShouldBe("f:pre");
    }
}
