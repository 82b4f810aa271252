using System.Diagnostics;
using System.Net;
using Ensuresec.Response.Cacao;
using Ensuresec.Response.Connectors;
using Ensuresec.Response.Execution;
using Ensuresec.Response.History;
using Ensuresec.Response.Library;

namespace Ensuresec.Response.Tests.Connectors;

/// <summary>The deny-list connector against a real Debian nginx on 127.0.0.1 that includes the list.</summary>
public sealed class NginxDenyListTests : IDisposable
{
    private static readonly string Nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-nginx-").FullName;
    private readonly int _port = LocalPorts.Free();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public NginxDenyListTests()
    {
        // nginx workers run as an unprivileged user; the temp folder is private by default.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        string deny = Path.Combine(_dir, "deny.conf");
        File.WriteAllText(deny, "");
        string temp = Path.Combine(_dir, "tmp");
        Directory.CreateDirectory(temp);
        string www = Path.Combine(_dir, "www");
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Combine(www, "index.html"), "ok\n");
        File.WriteAllText(Conf, $$"""
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{temp}}; proxy_temp_path {{temp}}; fastcgi_temp_path {{temp}}; uwsgi_temp_path {{temp}}; scgi_temp_path {{temp}};
              server {
                listen 127.0.0.1:{{_port}};
                include {{deny}};
                # A static file, not 'return': return runs before the access phase, so deny would never apply.
                location / { root {{www}}; }
              }
            }
            """);
        var start = Process.Start(Nginx, ["-c", Conf, "-p", _dir]);
        start.WaitForExit(10_000);
        start.ExitCode.ShouldBe(0, File.Exists(Path.Combine(_dir, "error.log")) ? File.ReadAllText(Path.Combine(_dir, "error.log")) : "nginx did not start");
    }

    private string Conf => Path.Combine(_dir, "nginx.conf");

    private DenyListConnector Connector(IReadOnlyList<string>? test = null) => new(new DenyListOptions
    {
        FilePath = Path.Combine(_dir, "deny.conf"),
        TestCommand = test ?? [Nginx, "-t", "-q", "-c", Conf, "-p", _dir],
        ReloadCommand = [Nginx, "-s", "reload", "-c", Conf, "-p", _dir],
    });

    private static CommandRequest Request(string command) =>
        new(new CacaoCommand("x-ensuresec-deny-list", command, null, new Dictionary<string, IReadOnlyList<string>>(), null), null, []);

    public void Dispose()
    {
        string pidFile = Path.Combine(_dir, "nginx.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid))
        {
            try
            {
                using var master = Process.GetProcessById(pid);
                master.Kill(entireProcessTree: true);
                master.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<HttpStatusCode> StatusAfterReload(HttpStatusCode expected)
    {
        // A reload is asynchronous: old workers finish; poll briefly for the new configuration.
        var status = HttpStatusCode.OK;
        for (int i = 0; i < 50; i++)
        {
            using var response = await _http.GetAsync($"http://127.0.0.1:{_port}/");
            status = response.StatusCode;
            if (status == expected) break;
            await Task.Delay(100);
        }

        return status;
    }

    [Fact]
    public async Task DenyThenAllow_NginxRefusesThenServesTheAddress()
    {
        (await StatusAfterReload(HttpStatusCode.OK)).ShouldBe(HttpStatusCode.OK);
        var denied = await Connector().ExecuteAsync(Request("deny 127.0.0.1"), CancellationToken.None);
        denied.Succeeded.ShouldBeTrue(denied.Detail);
        File.ReadAllText(Path.Combine(_dir, "deny.conf")).ShouldContain("deny 127.0.0.1;");
        (await StatusAfterReload(HttpStatusCode.Forbidden)).ShouldBe(HttpStatusCode.Forbidden);

        var check = await Connector().ExecuteAsync(Request("check 127.0.0.1"), CancellationToken.None);
        check.Output.ShouldBe("denied");

        var allowed = await Connector().ExecuteAsync(Request("allow 127.0.0.1"), CancellationToken.None);
        allowed.Succeeded.ShouldBeTrue(allowed.Detail);
        (await StatusAfterReload(HttpStatusCode.OK)).ShouldBe(HttpStatusCode.OK, allowed.Detail + " / " + File.ReadAllText(Path.Combine(_dir, "deny.conf")) + " / " + File.ReadAllText(Path.Combine(_dir, "error.log")));
    }

    [Fact]
    public async Task BlockAddressMitigation_ThroughTheService_NginxRefusesTheAddress_RecoveryLetsItThroughAgain()
    {
        // The whole cycle a user runs: accept block-address for an incident, the service checks the effect, nginx
        // really answers 403 to the address; recovery lifts the block, the check passes, nginx serves it again.
        using var history = ResponseHistory.Open(Path.Combine(_dir, "data"));
        var executor = new PlaybookExecutor([new ManualConnector(), Connector()], ExecutionLimits.Default, TimeProvider.System, PlaybookLibrary.Default.ById);
        var service = new ResponseService(PlaybookLibrary.Default, executor, history, AutoRunPolicy.Off, TimeProvider.System);
        var incident = TestIncidents.Make("inc-local", Ensuresec.Core.Events.Severity.High, [Ensuresec.Core.Findings.Entity.Ip("127.0.0.1")], ("ES-WEB-001", Ensuresec.Core.Events.Severity.High));
        var block = service.Suggest(incident).First(m => m.EntryId == "block-address");
        (await StatusAfterReload(HttpStatusCode.OK)).ShouldBe(HttpStatusCode.OK);

        var run = await service.AcceptAsync(incident, block.Id, "cli", CancellationToken.None);
        run!.Succeeded.ShouldBeTrue(run.Error);
        run.EffectInPlace.ShouldBe(true);
        (await StatusAfterReload(HttpStatusCode.Forbidden)).ShouldBe(HttpStatusCode.Forbidden);

        var recovered = await service.RecoverAsync(incident, block.Id, "cli", CancellationToken.None);
        recovered!.Value.Check!.EffectGone.ShouldBe(true, recovered.Value.Check.Error);
        (await StatusAfterReload(HttpStatusCode.OK)).ShouldBe(HttpStatusCode.OK);
        history.ForIncident(incident.Id).Select(r => (r.Kind, r.Succeeded)).ShouldBe([(RunKind.Response, true), (RunKind.Recovery, true), (RunKind.Check, true)]);
    }

    [Theory]
    [InlineData("deny 127.0.0.1; include /etc/passwd")]
    [InlineData("deny all")]
    [InlineData("deny 300.1.1.1")]
    [InlineData("drop 127.0.0.1")]
    public async Task HostileOrMalformedCommands_WriteNothing(string command)
    {
        var outcome = await Connector().ExecuteAsync(Request(command), CancellationToken.None);
        outcome.Succeeded.ShouldBeFalse();
        File.ReadAllText(Path.Combine(_dir, "deny.conf")).ShouldBeEmpty();
    }

    [Fact]
    public async Task FailingConfigTest_RestoresThePreviousList()
    {
        (await Connector().ExecuteAsync(Request("deny 192.0.2.1"), CancellationToken.None)).Succeeded.ShouldBeTrue();
        string before = File.ReadAllText(Path.Combine(_dir, "deny.conf"));
        var outcome = await Connector(test: ["/bin/false"]).ExecuteAsync(Request("deny 192.0.2.2"), CancellationToken.None);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Detail.ShouldContain("restored");
        File.ReadAllText(Path.Combine(_dir, "deny.conf")).ShouldBe(before);
    }
}
