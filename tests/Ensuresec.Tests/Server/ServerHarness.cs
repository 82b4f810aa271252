using System.Net.Http.Headers;
using System.Text;
using Ensuresec.Server;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Ensuresec.Tests.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Tests.Server;

/// <summary>A real Kestrel server on 127.0.0.1, a free port, a temp data folder and one key per role.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly TempFolder _dir = new();
    private WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    public EnsuresecStore Store { get; private set; } = null!;

    public string IngestKey { get; private set; } = null!;

    public string ReadKey { get; private set; } = null!;

    public string AdminKey { get; private set; } = null!;

    public static async Task<ServerHarness> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        var h = new ServerHarness();
        var options = new ServerOptions
        {
            DataDirectory = h._dir.Path,
            Urls = "http://127.0.0.1:0",
            Detectors = [() => new OneFindingPerEventDetector()],
            IncidentBuilder = () => new IncidentPerFinding(),
            Pipeline = new Ensuresec.Core.Pipeline.PipelineOptions { Partitions = 2 },
            ProcessorPollInterval = TimeSpan.FromMilliseconds(100),
            MinimumLogLevel = LogLevel.Warning,
        };
        h._app = EnsuresecServer.Build(configure?.Invoke(options) ?? options);
        await h._app.StartAsync();
        h.Store = h._app.Services.GetRequiredService<EnsuresecStore>();
        h.IngestKey = h.Store.Keys.Create(ApiRole.Ingest, "ingest").Secret;
        h.ReadKey = h.Store.Keys.Create(ApiRole.Read, "read").Secret;
        h.AdminKey = h.Store.Keys.Create(ApiRole.Admin, "admin").Secret;
        h.Client = new HttpClient { BaseAddress = new Uri(h._app.Urls.First()) };
        return h;
    }

    public static string Event(string id, string ip = "192.0.2.1", int second = 0) =>
        "{\"@timestamp\":\"" + Samples.T0.AddSeconds(second).ToString("O", System.Globalization.CultureInfo.InvariantCulture) +
        "\",\"event\":{\"id\":\"" + id + "\"},\"source\":{\"ip\":\"" + ip + "\"}}";

    public Task<HttpResponseMessage> PostAsync(string body, string? key, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return Client.SendAsync(request);
    }

    public async Task WaitForBacklogZeroAsync()
    {
        for (int i = 0; i < 200 && Store.CountBacklog() > 0; i++) await Task.Delay(50);
        Store.CountBacklog().ShouldBe(0);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}
