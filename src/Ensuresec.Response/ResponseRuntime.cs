using Ensuresec.Response.Execution;
using Ensuresec.Response.History;
using Ensuresec.Response.Library;

namespace Ensuresec.Response;

/// <summary>
/// The parts of responding built from a data folder: response.json, the history database, the connectors and the
/// service. Used by the server and the CLI so both behave the same. Dispose closes the history and HTTP client.
/// </summary>
public sealed class ResponseRuntime : IDisposable
{
    private readonly HttpClient _http;

    private ResponseRuntime(ResponseConfig config, ResponseHistory history, HttpClient http, PlaybookExecutor executor, ResponseService service)
    {
        Executor = executor;
        Config = config;
        History = history;
        _http = http;
        Service = service;
    }

    public ResponseConfig Config { get; }

    public ResponseHistory History { get; }

    public ResponseService Service { get; }

    /// <summary>Runs any playbook through the configured connectors (the service uses it for the library's).</summary>
    public PlaybookExecutor Executor { get; }

    /// <summary>Opens the runtime, or returns why the configuration is wrong.</summary>
    public static (ResponseRuntime? Runtime, string? Error) Open(string dataDirectory, string? configPath, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var (config, error) = ResponseConfig.Load(configPath ?? Path.Combine(dataDirectory, ResponseConfig.FileName));
        if (config is null) return (null, error);
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var history = ResponseHistory.Open(dataDirectory);
        var executor = new PlaybookExecutor(config.Connectors(http, time), config.Limits, time, PlaybookLibrary.Default.ById);
        var service = new ResponseService(PlaybookLibrary.Default, executor, history, config.AutoRun, time);
        return (new ResponseRuntime(config, history, http, executor, service), null);
    }

    public void Dispose()
    {
        History.Dispose();
        _http.Dispose();
    }
}
