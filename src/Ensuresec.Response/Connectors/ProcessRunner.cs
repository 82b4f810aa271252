using System.Diagnostics;
using System.Text;

namespace Ensuresec.Response.Connectors;

/// <summary>Runs a program (no shell unless the arguments ask for one) with a time limit; output is capped.</summary>
internal static class ProcessRunner
{
    private const int MaxOutput = 64 * 1024;

    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in argv.Skip(1)) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("process did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Result(-1, "", $"cannot start {argv[0]}: {e.Message}");
        }

        using (process)
        {
            var stdout = Capture(process.StandardOutput);
            var stderr = Capture(process.StandardError);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new Result(-1, await stdout.ConfigureAwait(false), $"timed out after {timeout.TotalSeconds:0.#} s; killed");
            }

            return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    private static async Task<string> Capture(StreamReader reader)
    {
        var sb = new StringBuilder();
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (sb.Length < MaxOutput) sb.Append(buffer, 0, Math.Min(n, MaxOutput - sb.Length));
        }

        return sb.ToString().Trim();
    }
}
