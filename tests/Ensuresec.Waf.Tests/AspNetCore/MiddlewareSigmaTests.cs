using System.Net;
using Ensuresec.Core.Events;
using Ensuresec.Waf.AspNetCore;
using Ensuresec.Waf.Sigma;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Ensuresec.Waf.Tests.AspNetCore;

/// <summary>Sigma rules on full requests in the middleware: headers feed cs-host and cs-cookie; block only at the configured level.</summary>
public sealed class MiddlewareSigmaTests
{
    private const string HostRule = "title: Internal host name from outside\nid: 5b0c7d1e-0000-4000-8000-000000000001\nlevel: high\nlogsource: {category: webserver}\ndetection:\n  s:\n    cs-host|endswith: '.internal'\n    cs-cookie|contains: 'debug=1'\n  condition: s\n";

    private static async Task<(WebApplication App, HttpClient Client)> Start(WafMode mode, Severity? blockAt)
    {
        var rules = SigmaRuleSet.Create([SigmaLoader.Parse(HostRule, "host.yml").Rule!], [], SigmaLogsource.Webserver);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.UseEnsuresecWaf(new WafMiddlewareOptions { Mode = mode, Sigma = rules, SigmaBlockLevel = blockAt });
        app.MapGet("/{**path}", (HttpContext ctx) =>
            Results.Text(ctx.Items[WafMiddleware.SigmaItem] is IReadOnlyList<SigmaMatch> m ? "sigma=" + string.Join(",", m.Select(x => x.Rule.Id)) : "sigma=none"));
        await app.StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("*/*");
        return (app, client);
    }

    private static HttpRequestMessage Get(string host, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account", UriKind.Relative));
        request.Headers.Host = host;
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    [Fact]
    public async Task Block_WithLevel_MatchIsRefused()
    {
        var (app, client) = await Start(WafMode.Block, Severity.High);
        await using var _app = app;
        (await client.SendAsync(Get("db.internal", "sid=9; debug=1"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var ok = await client.SendAsync(Get("shop.example", "sid=9; debug=1"));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ok.Content.ReadAsStringAsync()).ShouldBe("sigma=none");
    }

    [Fact]
    public async Task Block_WithoutLevel_MatchIsRecordedNotRefused()
    {
        var (app, client) = await Start(WafMode.Block, null);
        await using var _app = app;
        var response = await client.SendAsync(Get("db.internal", "debug=1"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("sigma=5b0c7d1e-0000-4000-8000-000000000001");
    }

    [Fact]
    public async Task Monitor_WithLevel_Passes()
    {
        var (app, client) = await Start(WafMode.Monitor, Severity.Low);
        await using var _app = app;
        (await client.SendAsync(Get("db.internal", "debug=1"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
