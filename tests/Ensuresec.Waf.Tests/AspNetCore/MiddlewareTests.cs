using System.Net;
using System.Text;
using Ensuresec.Waf.AspNetCore;
using Ensuresec.Waf.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Ensuresec.Waf.Tests.AspNetCore;

/// <summary>The middleware in front of a small app that echoes the body length, on the in-memory test server.</summary>
public sealed class MiddlewareTests
{
    private static async Task<(WebApplication App, HttpClient Client, List<WafVerdict> Seen)> Start(WafMode mode, int maxBody = 1024 * 1024)
    {
        var seen = new List<WafVerdict>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.UseEnsuresecWaf(new WafMiddlewareOptions { Mode = mode, MaxBodyBytes = maxBody, OnVerdict = (_, v) => { lock (seen) seen.Add(v); } });
        app.MapMethods("/{**path}", ["GET", "POST"], async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            string body = await reader.ReadToEndAsync();
            bool attack = ctx.Items[WafMiddleware.VerdictItem] is WafVerdict v && v.IsAttack;
            return Results.Text($"len={body.Length};attack={attack}");
        });
        await app.StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Host = "shop.example";
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("*/*");
        return (app, client, seen);
    }

    [Fact]
    public async Task Block_Attack_Gets403AndTheAppIsNotCalled()
    {
        var (app, client, _) = await Start(WafMode.Block);
        await using var _app = app;
        var response = await client.GetAsync(new Uri("/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        string text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("UNION", Case.Insensitive);
        text.ShouldNotContain("len=");
    }

    [Fact]
    public async Task Monitor_Attack_PassesWithTheVerdictRecorded()
    {
        var (app, client, seen) = await Start(WafMode.Monitor);
        await using var _app = app;
        var response = await client.PostAsync(new Uri("/comment", UriKind.Relative), new StringContent("text=%3Cscript%3Ealert(1)%3C%2Fscript%3E", Encoding.UTF8, "application/x-www-form-urlencoded"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("attack=True");
        seen.ShouldContain(v => v.Findings.Any(f => f.Class == AttackClass.CrossSiteScripting));
    }

    [Theory]
    [InlineData("application/json", "{\"q\":\"x' OR '1'='1\"}")]
    [InlineData("application/xml", "<a><b>../../../etc/passwd</b></a>")]
    [InlineData("multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\n;cat /etc/passwd\r\n--zz--\r\n")]
    [InlineData("application/x-www-form-urlencoded", "u=%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D")]
    public async Task Block_AttackInEachBodyKind_Gets403(string type, string body)
    {
        var (app, client, _) = await Start(WafMode.Block);
        await using var _app = app;
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
        (await client.PostAsync(new Uri("/api", UriKind.Relative), content)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Block_BenignJson_ReachesTheAppWithItsWholeBody()
    {
        var (app, client, _) = await Start(WafMode.Block);
        await using var _app = app;
        const string json = "{\"items\":[{\"sku\":\"TS-1\",\"qty\":2}],\"note\":\"Leave at the door, please (back)\"}";
        var response = await client.PostAsync(new Uri("/api/checkout", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe($"len={json.Length};attack=False");
    }

    [Fact]
    public async Task BodyBeyondTheLimit_IsNotInspectedButStillDelivered()
    {
        var (app, client, _) = await Start(WafMode.Block, maxBody: 64);
        await using var _app = app;
        string body = "a=" + new string('x', 100) + "&b=%3Cscript%3Ealert(1)%3C%2Fscript%3E";
        var response = await client.PostAsync(new Uri("/big", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldStartWith($"len={body.Length}");
    }
}
