using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ensuresec.Tests.Support;

namespace Ensuresec.Tests.Server;

/// <summary>The real `ensuresec` CLI as a child process (dotnet ensuresec.dll ...).</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string CliDll()
    {
        string next = Path.Combine(AppContext.BaseDirectory, "ensuresec.dll");
        if (File.Exists(next)) return next;
        foreach (string config in new[] { "Debug", "Release" })
        {
            string candidate = Path.Combine(SharedData.RepositoryRoot, "src", "Ensuresec.Cli", "bin", config, "net10.0", "ensuresec.dll");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("ensuresec.dll not found next to the tests or under src/Ensuresec.Cli/bin");
    }

    public static async Task<string> CreateKeyAsync(string dataDir, string role)
    {
        var psi = Start("keys", "create", "--role", role, "--data", dataDir, "--json");
        using var p = Process.Start(psi)!;
        string stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.ShouldBe(0);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("key").GetString()!;
    }

    public static async Task<ServerProcess> StartServeAsync(string dataDir)
    {
        int port = FreePort();
        var psi = Start("serve", "--data", dataDir, "--urls", $"http://127.0.0.1:{port}");
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var server = new ServerProcess(p, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        for (int i = 0; i < 300; i++)
        {
            if (p.HasExited) throw new InvalidOperationException($"ensuresec serve exited with {p.ExitCode}");
            try
            {
                using var r = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (r.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow start on a busy machine.
            }

            await Task.Delay(100);
        }

        server.Dispose();
        throw new TimeoutException("ensuresec serve did not answer /health within 30 s");
    }

    /// <summary>SIGKILL on Linux: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static ProcessStartInfo Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(CliDll());
        foreach (string a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
