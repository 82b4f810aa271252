using System.Net;
using System.Text;
using Ensuresec.Response.Cacao;
using Ensuresec.Response.Connectors;

namespace Ensuresec.Response.Tests.Connectors;

public sealed class WebhookConnectorTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _base;
    private readonly HttpClient _http = new();

    public WebhookConnectorTests()
    {
        _base = $"http://127.0.0.1:{LocalPorts.Free()}/hooks/";
        _listener.Prefixes.Add(_base);
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Close();
        _http.Dispose();
    }

    private WebhookConnector Connector(string secret = "s3cret") =>
        new(new WebhookOptions { AllowedUrls = [_base], Secret = secret, Timeout = TimeSpan.FromSeconds(5) }, _http, TimeProvider.System);

    private static CommandRequest Request(string command, string? content = null) =>
        new(new CacaoCommand("http-api", command, content, new Dictionary<string, IReadOnlyList<string>>(), null), null, []);

    [Fact]
    public async Task Post_CarriesAnHmacSignatureTheReceiverCanVerify()
    {
        var received = Task.Run(async () =>
        {
            var ctx = await _listener.GetContextAsync();
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            var headers = (ctx.Request.Headers["X-Ensuresec-Timestamp"], ctx.Request.Headers["X-Ensuresec-Signature"], body, ctx.Request.Url!.AbsolutePath);
            ctx.Response.StatusCode = 200;
            await ctx.Response.OutputStream.WriteAsync("{\"status\":\"locked\"}"u8.ToArray());
            ctx.Response.Close();
            return headers;
        });
        var outcome = await Connector().ExecuteAsync(Request("POST " + _base + "accounts/lock", "{\"account\":\"alice\"}"), CancellationToken.None);
        var (timestamp, signature, body, path) = await received;
        outcome.Succeeded.ShouldBeTrue(outcome.Detail);
        outcome.Output.ShouldBe("{\"status\":\"locked\"}");
        body.ShouldBe("{\"account\":\"alice\"}");
        path.ShouldBe("/hooks/accounts/lock");
        signature.ShouldBe("sha256=" + WebhookConnector.Sign("s3cret", timestamp!, body));
        signature.ShouldNotBe("sha256=" + WebhookConnector.Sign("other", timestamp!, body));
    }

    [Fact]
    public async Task ErrorStatus_IsAFailedOutcomeWithTheStatus()
    {
        var serve = Task.Run(async () =>
        {
            var ctx = await _listener.GetContextAsync();
            ctx.Response.StatusCode = 503;
            ctx.Response.Close();
        });
        var outcome = await Connector().ExecuteAsync(Request("POST accounts/lock", "{}"), CancellationToken.None);
        await serve;
        outcome.Succeeded.ShouldBeFalse();
        outcome.Detail.ShouldContain("503");
    }

    [Theory]
    [InlineData("POST http://169.254.169.254/latest/meta-data")]
    [InlineData("POST http://127.0.0.1:1/hooks/")]
    [InlineData("FETCH /x")]
    [InlineData("POST")]
    public async Task UrlsOutsideTheAllowedPrefixesAndBadCommands_AreRefusedWithoutAnyRequest(string command)
    {
        var outcome = await Connector().ExecuteAsync(Request(command), CancellationToken.None);
        outcome.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task NoListener_IsAFailedOutcomeNotAnException()
    {
        string closed = $"http://127.0.0.1:{LocalPorts.Free()}/";
        var connector = new WebhookConnector(new WebhookOptions { AllowedUrls = [closed], Secret = "k", Timeout = TimeSpan.FromSeconds(3) }, _http, TimeProvider.System);
        var outcome = await connector.ExecuteAsync(Request("POST " + closed + "x", "{}"), CancellationToken.None);
        outcome.Succeeded.ShouldBeFalse();
    }
}
