using System.Diagnostics;
using Ensuresec.Tests.Support;

namespace Ensuresec.Ledger.Tests.Cli;

/// <summary>The real `ensuresec` CLI as a child process.</summary>
internal static class Cli
{
    public static string Dll()
    {
        string next = Path.Combine(AppContext.BaseDirectory, "ensuresec.dll");
        if (File.Exists(next)) return next;
        foreach (string config in new[] { "Release", "Debug" })
        {
            string candidate = Path.Combine(SharedData.RepositoryRoot, "src", "Ensuresec.Cli", "bin", config, "net10.0", "ensuresec.dll");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("ensuresec.dll not found next to the tests or under src/Ensuresec.Cli/bin");
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string? stdin, params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
